using System.Globalization;
using Adaptive.Site;
using Spectre.Console;

namespace Adaptive.Cli.Terminal;

/// <summary>
/// What the CLI prints. On a terminal: colours, a progress bar on long builds, a summary table;
/// redirected (CI, pipes) or with <c>--json</c>: plain lines. Diagnostics always go to stderr as
/// <c>file:line:col: error: message</c>.
/// </summary>
internal sealed class Reporter
{
    private readonly IAnsiConsole _out;
    private readonly IAnsiConsole _err;

    public Reporter(bool json)
    {
        Json = json;
        Fancy = !json && !Console.IsOutputRedirected;
        _out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Fancy ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Fancy ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Fancy ? InteractionSupport.Detect : InteractionSupport.No,
        });
        _err = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = !Console.IsErrorRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = !Console.IsErrorRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
    }

    /// <summary>JSON on stdout: nothing else is printed there.</summary>
    public bool Json { get; }

    /// <summary>A terminal: colours and progress.</summary>
    public bool Fancy { get; }

    public void Line(string text)
    {
        if (Json)
        {
            return;
        }

        if (Fancy)
        {
            _out.WriteLine(text, Style.Plain);
        }
        else
        {
            Console.Out.WriteLine(text); // no wrapping at a guessed width
        }
    }

    public void Markup(string markup, string plain)
    {
        if (Json)
        {
            return;
        }

        if (Fancy)
        {
            _out.MarkupLine(markup);
        }
        else
        {
            Console.Out.WriteLine(plain);
        }
    }

    public void Diagnostics(IEnumerable<SiteDiagnostic> diagnostics)
    {
        foreach (SiteDiagnostic diagnostic in diagnostics)
        {
            if (Console.IsErrorRedirected)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }
            else
            {
                _err.WriteLine(diagnostic.ToString(), diagnostic.Severity == DiagnosticSeverity.Error ? new Style(Color.Red) : new Style(Color.Yellow));
            }
        }
    }

    /// <summary>Runs a build, showing a progress bar when it takes longer than a moment on a terminal.</summary>
    public T WithProgress<T>(string title, Func<Action<int, int>, T> build)
    {
        if (!Fancy)
        {
            return build(static (_, _) => { });
        }

        int done = 0;
        int total = 0;
        Task<T> work = Task.Run(() => build((d, t) =>
        {
            Volatile.Write(ref total, t);
            Volatile.Write(ref done, d);
        }));
        if (work.Wait(TimeSpan.FromMilliseconds(400)))
        {
            return work.GetAwaiter().GetResult();
        }

        _out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(title, maxValue: 1);
                while (!work.Wait(TimeSpan.FromMilliseconds(80)))
                {
                    int t = Volatile.Read(ref total);
                    if (t > 0)
                    {
                        task.MaxValue = t;
                        task.Value = Volatile.Read(ref done);
                    }
                }

                task.Value = task.MaxValue;
            });
        return work.GetAwaiter().GetResult();
    }

    /// <summary>The summary of a build.</summary>
    public void Summary(string mode, BuildReport report, bool verbose)
    {
        if (Json)
        {
            return;
        }

        string work = mode == "adaptive"
            ? string.Create(CultureInfo.InvariantCulture, $"{report.Work.Executions:N0} memos executed, {report.Work.Reused:N0} reused from the trace")
            : string.Create(CultureInfo.InvariantCulture, $"{report.Rendered:N0} outputs rendered");
        string status = report.Succeeded ? "Built" : "Built with errors";
        string plain = string.Create(CultureInfo.InvariantCulture,
            $"{status}: {report.Pages:N0} pages, {report.Outputs:N0} files ({report.Written.Count:N0} written, {report.Deleted.Count:N0} deleted); {work}; {report.Elapsed.TotalMilliseconds:N0} ms ({mode})");
        if (!Fancy)
        {
            Console.Out.WriteLine(plain);
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn(report.Succeeded ? "[green]Built[/]" : "[red]Built with errors[/]").AddColumn(string.Empty);
            table.AddRow("pages", report.Pages.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("files", string.Create(CultureInfo.InvariantCulture, $"{report.Outputs:N0} ({report.Written.Count:N0} written, {report.Deleted.Count:N0} deleted)"));
            table.AddRow("work", Spectre.Console.Markup.Escape(work));
            table.AddRow("time", string.Create(CultureInfo.InvariantCulture, $"{report.Elapsed.TotalMilliseconds:N0} ms ({mode})"));
            _out.Write(table);
        }

        if (verbose)
        {
            foreach (string file in report.Written)
            {
                Line("  written " + file);
            }

            foreach (string file in report.Deleted)
            {
                Line("  deleted " + file);
            }

            foreach (PhaseTiming phase in report.Phases ?? [])
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"  {phase.Name,-12} {phase.Elapsed.TotalMilliseconds,8:F1} ms  {phase.Items,8:N0}"));
            }
        }
    }
}
