using System.Globalization;
using Adaptive.Bench;
using Adaptive.Bench.Corpus;

namespace Adaptive.Cli.Commands;

/// <summary><c>adapt bench</c>: the strategy × edit matrix on a generated site, verified, with
/// tables and charts in <c>--out</c>. Exit code 1 when any cell's output was wrong.</summary>
internal static class BenchCommand
{
    public static int Run(BenchVerb options)
    {
        if (options.Runs < 1)
        {
            throw new UsageException("--runs must be 1 or more");
        }

        CorpusScenario scenario = GenCommand.Parse(options.Scenario);
        int[] sizes = options.Scaling is null ? [] : [.. options.Scaling.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 10 and <= CorpusGenerator.MaxPages
            ? n
            : throw new UsageException($"--scaling takes page counts between 10 and {CorpusGenerator.MaxPages:N0}, like 1000,10000,100000"))];
        string out_ = Path.GetFullPath(options.Out);
        string work = Path.Combine(out_, "work");
        var runner = new BenchRunner(new BenchSettings(options.Runs, options.Seed, options.Strategies, options.Edits), Console.Out);
        string machine = BenchRunner.Machine();
        Console.Out.WriteLine("Machine: " + machine);
        List<BenchCell> cells;
        List<BenchCell> scaling;
        try
        {
            cells = runner.Matrix(scenario, options.Pages, work);
            scaling = sizes.Length > 0 ? runner.Scaling(sizes, work) : [];
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message); // an unknown strategy or edit name
        }

        string command = "adapt bench " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).SkipWhile(a => a != "bench").Skip(1));
        BenchReport.Write(out_, machine, cells, scaling, command, runner.Highlight);
        Directory.Delete(work, recursive: true);
        bool correct = cells.Concat(scaling).All(c => c.Correct);
        Console.Out.WriteLine($"Results in {options.Out}: results.md, results.json, results.csv, time.svg, work.svg{(scaling.Count > 0 ? ", scaling.svg" : string.Empty)}.");
        if (!correct)
        {
            Console.Error.WriteLine("adapt bench: some builds did not produce the output of a cold build (marked ✗ and WRONG OUTPUT).");
        }

        return correct ? ExitCodes.Success : ExitCodes.BuildErrors;
    }
}
