using Adaptive.Core.Tests.Persistence;

// Not used by the test runner. `dotnet Adaptive.Core.Tests.dll trace-writer <path>` runs the
// child process of the crash tests: it saves a trace again and again until it is killed.
if (args.Length == 2 && args[0] == "trace-writer")
{
    CrashWriter.Run(args[1]);
    return 0;
}

Console.Error.WriteLine("usage: Adaptive.Core.Tests trace-writer <store path>");
return 2;
