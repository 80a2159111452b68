namespace Adaptive.Site.Phased;

/// <summary>
/// The baseline: the same site built by a classic phase-by-phase orchestrator, without the
/// runtime. Phases run in order, each timed — discovery, sections, taxonomies, menus, related
/// pages, assets, render, postprocess, cache save, stats — over the computations the adaptive
/// build uses (<see cref="SiteLogic"/>), so a comparison measures the strategy and nothing else.
/// The output is byte-identical to the adaptive build's (docs/design/phased-vs-adaptive.md).
/// </summary>
/// <remarks>
/// Incremental mode, as the reference orchestrator does it: a cache of file fingerprints (time
/// stamp and size, then content hash), each page's front matter (unchanged pages are not parsed
/// again), and what each output read when it rendered — the pages it showed anything of, the
/// templates and partials, data files, taxonomy terms, section lists, menus, related pages.
/// Every phase before render still runs over the whole site; render re-renders an output when
/// it is new or moved, when a page it read changed (its file, or a page it cross-references),
/// or when another value it read is different now. Configuration, option or generator changes
/// rebuild everything. Pages render in parallel.
/// </remarks>
public sealed class PhasedBuilder
{
    private readonly string _root;
    private readonly OutputWriter _writer;
    private readonly BuildOptions _options;
    private readonly PhasedMode _mode;
    private readonly string _cachePath;

    /// <summary>Builds <paramref name="root"/> into <paramref name="output"/>; the incremental
    /// cache is <paramref name="cachePath"/> (default <c>.adapt/phased-cache.json</c> in the site).</summary>
    public PhasedBuilder(string root, string output, BuildOptions? options = null, PhasedMode mode = PhasedMode.Incremental, string? cachePath = null)
    {
        _root = Path.GetFullPath(root);
        _writer = new OutputWriter(output);
        _options = options ?? new BuildOptions();
        _mode = mode;
        _cachePath = cachePath ?? Path.Combine(_root, ".adapt", "phased-cache.json");
    }

    /// <summary>Runs every phase once (a build in a new process: the cache comes from disk).</summary>
    public BuildReport Build(int parallelism = 0)
    {
        parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        var run = new PhasedRun(_root, _writer, _options, _mode, _cachePath, parallelism);
        return run.Execute();
    }
}
