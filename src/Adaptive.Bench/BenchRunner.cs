using System.Diagnostics;
using System.Globalization;
using Adaptive.Site;
using Adaptive.Bench.Corpus;

namespace Adaptive.Bench;

/// <summary>One cell of the matrix: a strategy building after an edit, run several times.</summary>
/// <param name="Scenario">The corpus scenario.</param>
/// <param name="Pages">Its pages.</param>
/// <param name="Strategy">How it was built.</param>
/// <param name="Edit">What changed (<c>cold</c>, <c>no-op</c>, or an edit kind).</param>
/// <param name="Runs">Each run's measurement.</param>
/// <param name="Correct">Every run's output equalled a cold build of the same sources.</param>
/// <param name="TraceBytes">The strategy's state on disk (trace or build cache) after the cell.</param>
internal sealed record BenchCell(string Scenario, int Pages, string Strategy, string Edit, IReadOnlyList<Measurement> Runs, bool Correct, long TraceBytes)
{
    public double Median => Percentile(Runs.Select(r => r.WallMs), 0.5);

    public double Min => Runs.Min(r => r.WallMs);

    public double Max => Runs.Max(r => r.WallMs);

    public double CpuMs => Percentile(Runs.Select(r => r.CpuMs), 0.5);

    public long PeakBytes => Runs.Max(r => r.PeakBytes);

    public long MemosExecuted => (long)Percentile(Runs.Select(r => (double)r.MemosExecuted), 0.5);

    public long MemosReused => (long)Percentile(Runs.Select(r => (double)r.MemosReused), 0.5);

    public int Rendered => (int)Percentile(Runs.Select(r => (double)r.Rendered), 0.5);

    public int Written => (int)Percentile(Runs.Select(r => (double)r.Written), 0.5);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}

/// <summary>
/// <c>adapt bench</c>: generates the scenario's site, then for each strategy builds it cold,
/// without a change, and after each kind of edit (applied and reverted, so every run starts from
/// the same sources), several runs each. After every measured build the strategy's output folder
/// is compared with a cold in-process build of the same sources; a difference marks the cell
/// wrong — it is reported as a failure, never as a time.
/// </summary>
/// <summary>What to measure (from <c>adapt bench</c>'s options).</summary>
/// <param name="Runs">Runs per cell.</param>
/// <param name="Seed">The corpus seed.</param>
/// <param name="Strategies">Comma-separated strategies, or null for all.</param>
/// <param name="Edits">Comma-separated edits, or null for all.</param>
internal sealed record BenchSettings(int Runs, int Seed, string? Strategies, string? Edits);

internal sealed class BenchRunner(BenchSettings options, TextWriter log)
{
    public static readonly string[] AllStrategies = ["adaptive-live", "adaptive-new-process", "phased-full", "phased-incremental"];

    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);

    /// <summary>What highlighting cost the cold reference build of the last <see cref="Matrix"/>'s
    /// corpus (null before one ran).</summary>
    public HighlightCost? Highlight { get; private set; }

    public List<BenchCell> Matrix(CorpusScenario scenario, int? pages, string work)
    {
        string pristine = Path.Combine(work, "corpus");
        Recreate(pristine);
        CorpusInfo corpus = CorpusGenerator.Generate(scenario, pristine, pages, options.Seed);
        log.WriteLine($"Generated the {scenario.ToString().ToLowerInvariant()} scenario: {corpus.Pages:N0} pages in {pristine}");
        IReadOnlyList<CorpusEdit> edits = CorpusEdit.For(corpus);
        string referenceSite = Copy(pristine, Path.Combine(work, "reference"));

        // The reference of the unedited sources first: it is the bench process's first build, so
        // what it reports of highlighting includes loading the grammars, as a cold process does.
        (_references[Unedited], HighlightCost highlight) = ReferenceBuild(referenceSite, corpus);
        Highlight = highlight;
        log.WriteLine(highlight.Describe());
        HashSet<string> wanted = Edits(edits);
        var cells = new List<BenchCell>();
        foreach (string name in Strategies())
        {
            string site = Copy(pristine, Path.Combine(work, name, "site"));
            using BenchStrategy strategy = BenchStrategy.Create(name, site, Path.Combine(work, name, "public"));
            cells.Add(Cell(scenario, corpus, strategy, "cold", () => strategy.Cold(), null, referenceSite));
            if (strategy.MeasuresNoOp && wanted.Contains(NoOp))
            {
                cells.Add(Cell(scenario, corpus, strategy, NoOp, () => strategy.Build(null), null, referenceSite));
            }

            foreach (CorpusEdit edit in edits)
            {
                if (!wanted.Contains(edit.Name))
                {
                    continue;
                }

                cells.Add(Cell(scenario, corpus, strategy, edit.Name, () => strategy.Build(() => edit.Apply(site)), edit, referenceSite, () => strategy.Build(() => edit.Revert(site))));
            }
        }

        return cells;
    }

    /// <summary>Cold and single-edit times of the api scenario at several sizes.</summary>
    public List<BenchCell> Scaling(IReadOnlyList<int> sizes, string work)
    {
        var cells = new List<BenchCell>();
        foreach (int size in sizes)
        {
            string pristine = Path.Combine(work, "scaling-" + size.ToString(CultureInfo.InvariantCulture));
            Recreate(pristine);
            CorpusInfo corpus = CorpusGenerator.Generate(CorpusScenario.Api, pristine, size, options.Seed);
            log.WriteLine($"Scaling: {size:N0} pages");
            CorpusEdit body = CorpusEdit.For(corpus)[0];
            _references.Clear();
            string referenceSite = Copy(pristine, pristine + "-reference");
            foreach (string name in (string[])["adaptive-live", "adaptive-new-process", "phased-full"])
            {
                string site = Copy(pristine, pristine + "-" + name);
                using BenchStrategy strategy = BenchStrategy.Create(name, site, site + "-public");
                cells.Add(Cell(CorpusScenario.Api, corpus, strategy, "cold", () => strategy.Cold(), null, referenceSite));
                cells.Add(Cell(CorpusScenario.Api, corpus, strategy, body.Name, () => strategy.Build(() => body.Apply(site)), body, referenceSite, () => strategy.Build(() => body.Revert(site))));
            }
        }

        return cells;
    }

    private const string NoOp = "no-op";

    /// <summary>The key of the unedited sources' reference.</summary>
    private const string Unedited = "(none)";

    /// <summary>The edits to measure (--edits; all by default).</summary>
    private HashSet<string> Edits(IReadOnlyList<CorpusEdit> edits)
    {
        var all = new List<string> { NoOp };
        foreach (CorpusEdit edit in edits)
        {
            all.Add(edit.Name);
        }

        if (options.Edits is null)
        {
            return new HashSet<string>(all, StringComparer.Ordinal);
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in options.Edits.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!all.Contains(name))
            {
                throw new ArgumentException($"unknown edit '{name}': use {string.Join(", ", all)}");
            }

            chosen.Add(name);
        }

        return chosen;
    }

    private string[] Strategies()
    {
        if (options.Strategies is null)
        {
            return AllStrategies;
        }

        string[] chosen = options.Strategies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string name in chosen)
        {
            if (!AllStrategies.Contains(name))
            {
                throw new ArgumentException($"unknown strategy '{name}': use {string.Join(", ", AllStrategies)}");
            }
        }

        return chosen;
    }

    private BenchCell Cell(CorpusScenario scenario, CorpusInfo corpus, BenchStrategy strategy, string name, Func<Measurement> measure, CorpusEdit? edit, string referenceSite, Func<Measurement>? undo = null)
    {
        var runs = new List<Measurement>();
        bool correct = true;
        for (int run = 0; run < options.Runs; run++)
        {
            Measurement measurement = measure();
            runs.Add(measurement);
            if (OutputTree.Hash(strategy.Output) != Reference(edit, referenceSite, corpus))
            {
                correct = false;
            }

            undo?.Invoke();
        }

        var cell = new BenchCell(scenario.ToString().ToLowerInvariant(), corpus.Pages, strategy.Name, name, runs, correct, StateBytes(strategy.Site));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {strategy.Name,-22} {name,-15} {cell.Median,10:F1} ms  [{cell.Min:F1}–{cell.Max:F1}]  rendered {cell.Rendered,6:N0}  memos {cell.MemosExecuted,8:N0}  {(correct ? "ok" : "WRONG OUTPUT")}"));
        return cell;
    }

    /// <summary>The tree hash of a cold in-process build of the sources with <paramref name="edit"/> applied.</summary>
    private string Reference(CorpusEdit? edit, string referenceSite, CorpusInfo corpus)
    {
        string key = edit?.Name ?? Unedited;
        if (_references.TryGetValue(key, out string? hash))
        {
            return hash;
        }

        edit?.Apply(referenceSite);
        try
        {
            (hash, _) = ReferenceBuild(referenceSite, corpus);
        }
        finally
        {
            edit?.Revert(referenceSite);
        }

        _references[key] = hash;
        return hash;
    }

    /// <summary>A cold in-process build of <paramref name="site"/> as it is: its output's tree
    /// hash, and what highlighting cost it.</summary>
    private static (string Hash, HighlightCost Highlight) ReferenceBuild(string site, CorpusInfo corpus)
    {
        string output = Path.Combine(Path.GetTempPath(), "adapt-bench-reference-" + Guid.NewGuid().ToString("N"));
        try
        {
            return HighlightCost.ColdBuild(site, output, corpus.Scenario.ToString().ToLowerInvariant(), corpus.Pages, DateTimeOffset.UtcNow);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static long StateBytes(string site)
    {
        string state = Path.Combine(site, ".adapt");
        return Directory.Exists(state) ? Directory.GetFiles(state, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
    }

    private static void Recreate(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }

    private static string Copy(string from, string to)
    {
        Recreate(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }

    internal static string Machine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memory / (1024.0 * 1024 * 1024):F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
    }

    internal static Stopwatch Clock() => Stopwatch.StartNew();
}
