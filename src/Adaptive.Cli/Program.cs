using Adaptive.Cli;

// The `adapt` command line. Until the site generator exists (issue #5) it has one verb,
// `demo`, which walks through the runtime's behaviour on a tiny graph.
if (args.Length == 1 && args[0] == "demo")
{
    RuntimeDemo.Run(Console.Out);
    return 0;
}

Console.Error.WriteLine("usage: adapt demo");
return 2;
