using Adaptive.Cli;
using Adaptive.Cli.Commands;
using CommandLine;

// The `adapt` command line. Exit codes: 0 success, 1 build errors, 2 usage errors.
using var parser = new Parser(settings =>
{
    settings.HelpWriter = null;
    settings.CaseInsensitiveEnumValues = true;
    settings.AutoVersion = true;
});

ParserResult<object> result = parser.ParseArguments<BuildVerb, WatchVerb, NewVerb, ThemeVerb, CleanVerb, ExplainVerb, TraceVerb, GenVerb, BenchVerb, DemoVerb>(args);
try
{
    return result.MapResult(
        (BuildVerb options) => BuildCommand.Run(options),
        (WatchVerb options) => WatchCommand.Run(options),
        (NewVerb options) => NewCommand.Run(options),
        (ThemeVerb options) => NewCommand.Eject(options),
        (CleanVerb options) => CleanCommand.Run(options),
        (ExplainVerb options) => ExplainCommand.Run(options),
        (TraceVerb options) => TraceCommand.Run(options),
        (GenVerb options) => GenCommand.Run(options),
        (BenchVerb options) => BenchCommand.Run(options),
        (DemoVerb _) => Demo(),
        errors => Usage.Report(result, errors));
}
catch (UsageException ex)
{
    Console.Error.WriteLine("adapt: " + ex.Message);
    if (args.Contains("--json"))
    {
        Console.Out.WriteLine(Adaptive.Cli.Commands.BuildJson.Failure(args.Length > 0 ? args[0] : string.Empty, ex.Message));
    }

    return ExitCodes.Usage;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    // The file system, not adapt: say what failed and what to check.
    Console.Error.WriteLine($"adapt: error: {ex.Message}");
    Console.Error.WriteLine("adapt: a file could not be read or written: check that the path exists, its permissions and the free disk space, then run the command again.");
    return ExitCodes.BuildErrors;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // A bug in adapt, not in the site: one line, and the stack trace only when asked for.
    Console.Error.WriteLine($"adapt: internal error: {ex.GetType().Name}: {ex.Message}");
    Console.Error.WriteLine(Environment.GetEnvironmentVariable("ADAPT_DEBUG") == "1"
        ? ex.ToString()
        : "This is a bug in adapt: please report it with the command you ran (set ADAPT_DEBUG=1 to print the stack trace).");
    return ExitCodes.BuildErrors;
}

static int Demo()
{
    RuntimeDemo.Run(Console.Out);
    return ExitCodes.Success;
}
