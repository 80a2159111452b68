using Adaptive.Cli.Terminal;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary><c>adapt build</c>: one build, cold the first time, then reusing the trace.</summary>
internal static class BuildCommand
{
    public static int Run(BuildVerb options)
    {
        var reporter = new Reporter(options.Json);
        using SiteSession session = SiteSession.Open(options, singleBuild: true);
        BuildReport report = reporter.WithProgress("Rendering", progress => session.Build(null, rescan: true, progress));
        reporter.Diagnostics(report.Diagnostics);
        if (options.Json)
        {
            Console.Out.WriteLine(BuildJson.Of(session.Mode, report));
        }
        else
        {
            reporter.Summary(session.Mode, report, options.Verbose);
        }

        return report.Succeeded ? ExitCodes.Success : ExitCodes.BuildErrors;
    }
}
