using System.Globalization;
using System.Runtime.InteropServices;
using Adaptive.Cli.Terminal;
using Adaptive.Cli.Serve;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>
/// <c>adapt watch</c>: builds, then keeps the graph in memory and propagates each settled batch
/// of file events (one line, or one JSON object, per propagation, printed once the files are on
/// disk). With <c>--serve</c>, serves the output with live reload. Ctrl+C (or SIGTERM) saves the
/// trace and exits with 0.
/// </summary>
internal static class WatchCommand
{
    public static int Run(WatchVerb options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(WatchVerb options)
    {
        if (options.DebounceMs < 0)
        {
            throw new UsageException("--debounce must be 0 or more milliseconds");
        }

        var reporter = new Reporter(options.Json);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Stop(stop);
        };
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Stop(stop);
        });

        using SiteSession session = SiteSession.Open(options);
        using var events = new FileEventBatcher(session.Paths.Source, TimeSpan.FromMilliseconds(options.DebounceMs), session.Paths.Output, session.Paths.State);
        BuildReport first = reporter.WithProgress("Rendering", progress => session.Build(null, rescan: true, progress));
        reporter.Diagnostics(first.Diagnostics);
        if (options.Json)
        {
            Console.Out.WriteLine(BuildJson.Of(session.Mode, first, []));
        }
        else
        {
            reporter.Summary(session.Mode, first, options.Verbose);
        }

        LiveServer? server = null;
        try
        {
            if (options.Serve)
            {
                server = await LiveServer.StartAsync(session.Paths.Output, options.Bind, options.Port).ConfigureAwait(false);
                reporter.Markup($"Serving [link]{server.Address}[/] with live reload", "Serving " + server.Address + " with live reload");
            }

            reporter.Line($"Watching {session.Paths.Source} (Ctrl+C to stop)");
            while (await events.NextAsync(stop.Token).ConfigureAwait(false) is { } batch)
            {
                BuildReport report;
                try
                {
                    report = session.Build(batch.Overflow ? null : batch.Changed, batch.Structure, null);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The file system (a file in the way, permissions, a full disk): say so and keep watching.
                    Console.Error.WriteLine($"adapt: error: {ex.Message} (check the path, its permissions and the free disk space; the next change builds again)");
                    continue;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A bug, not the site's fault: say so and keep watching (the next edit may build).
                    Console.Error.WriteLine($"adapt: internal error while building: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                reporter.Diagnostics(report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
                if (options.Json)
                {
                    Console.Out.WriteLine(BuildJson.Of(session.Mode, report, batch.Changed));
                }
                else
                {
                    reporter.Line(Describe(batch, report, session.Mode));
                }

                server?.Changed(report.Written, report.Deleted);
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            session.Adaptive?.Runtime.SaveTrace();
        }

        reporter.Line("Stopped; the trace is saved.");
        return ExitCodes.Success;
    }

    /// <summary>The first Ctrl+C (or SIGTERM) stops after the build in progress and saves the
    /// trace; a second one exits at once. The watch loop is woken on the thread pool, never on
    /// the signal's thread: the rest of the watch (the final save included) must not run inside
    /// the signal handler.</summary>
    private static void Stop(CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("adapt: stopped without saving the trace (the next build checks what this one wrote).");
            Environment.Exit(130);
        }

        Console.Error.WriteLine("adapt: stopping after the build in progress (Ctrl+C again to stop at once)…");
        _ = stop.CancelAsync();
    }

    private static string Describe(FileBatch batch, BuildReport report, string mode)
    {
        string changed = batch.Overflow ? "many files" : batch.Changed.Count <= 3 ? string.Join(", ", batch.Changed.Order(StringComparer.Ordinal)) : $"{batch.Changed.Count} files";
        string work = mode == "adaptive" ? $"{report.Work.Executions:N0} memos" : $"{report.Rendered:N0} outputs rendered";
        string errors = report.Succeeded ? string.Empty : $", {report.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} errors";
        return string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss} {changed} → {report.Written.Count} written, {report.Deleted.Count} deleted ({work}, {report.Elapsed.TotalMilliseconds:F1} ms{errors})");
    }
}
