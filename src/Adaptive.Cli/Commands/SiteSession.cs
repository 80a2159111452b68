using System.Text.Json;
using System.Text.Json.Serialization;
using Adaptive.Core;
using Adaptive.Site;
using Adaptive.Site.Phased;

namespace Adaptive.Cli.Commands;

/// <summary>
/// A site opened for building in one of the three modes: adaptive (a <see cref="SiteBuilder"/>
/// whose graph lives as long as the session, with the trace in <c>.adapt/trace.db</c> unless
/// <c>--no-trace</c>), phased (every phase, everything) or phased-incremental (the baseline's
/// build cache). After an adaptive build it records why each rebuilt output was rebuilt, for
/// <c>adapt explain</c>.
/// </summary>
internal sealed class SiteSession : IDisposable
{
    private readonly SiteLock? _stateLock;
    private readonly SiteLock _outputLock;
    private readonly PhasedBuilder? _phased;
    private readonly BuildOptions _options;
    private readonly bool _trace;
    private readonly int _jobs;
    private LiteDbTraceStore? _store;
    private SiteBuilder? _adaptive;

    private SiteSession(SitePaths paths, string mode, BuildOptions options, bool trace, int jobs)
    {
        Paths = paths;
        Mode = mode;
        _options = options;
        _trace = trace;
        _jobs = jobs;
        if (mode is not ("adaptive" or "phased" or "phased-incremental"))
        {
            throw new UsageException($"unknown --mode '{mode}': use adaptive, phased or phased-incremental");
        }

        // Lock only what is shared: the output folder always; the site's state (trace, phased
        // cache, explanation) unless this build uses none of it (adaptive with --no-trace).
        UsesState = mode != "adaptive" || trace;
        _stateLock = UsesState ? SiteLock.State(paths) : null;
        try
        {
            _outputLock = SiteLock.Output(paths);
            try
            {
                _phased = mode switch
                {
                    "phased" => new PhasedBuilder(paths.Source, paths.Output, options, PhasedMode.Full, paths.PhasedCache),
                    "phased-incremental" => new PhasedBuilder(paths.Source, paths.Output, options, PhasedMode.Incremental, paths.PhasedCache),
                    _ => null, // adaptive: the trace and the graph are opened by the first build that needs them
                };
            }
            catch
            {
                _outputLock.Dispose();
                throw;
            }
        }
        catch
        {
            _stateLock?.Dispose();
            throw;
        }
    }

    /// <summary>The adaptive builder, on the trace unless --no-trace: opened on first use.</summary>
    private SiteBuilder OpenAdaptive()
    {
        if (_adaptive is not null)
        {
            return _adaptive;
        }

        if (_trace)
        {
            try
            {
                _store = LiteDbTraceStore.Open(Paths.Trace, SiteBuilder.CodeIdentity);
            }
            catch (TraceStoreInUseException ex)
            {
                throw new UsageException($"the site's trace is in use by another adapt process ({ex.Message}). Stop it (an 'adapt watch'?), or build with --no-trace");
            }
        }

        return _adaptive = new SiteBuilder(Paths.Source, Paths.Output, _options, _store, singleBuild: SingleBuild && _store is not null);
    }

    public SitePaths Paths { get; }

    /// <summary>The session builds once: see <see cref="Open"/>.</summary>
    public bool SingleBuild { get; init; }

    /// <summary>True when the build reads or writes <c>.adapt/</c> (false for --no-trace).</summary>
    public bool UsesState { get; }

    public string Mode { get; }

    /// <summary>The adaptive builder (null in the phased modes, and until an adaptive build needed it).</summary>
    public SiteBuilder? Adaptive => _adaptive;

    /// <summary>Opens the site for <paramref name="options"/>. <paramref name="singleBuild"/>:
    /// the session builds once (<c>adapt build</c>), so the runtime may take unchanged results
    /// without linking their dependencies (see <see cref="AdaptiveRuntime(ITraceStore, TimeProvider?, bool)"/>).</summary>
    public static SiteSession Open(BuildingOptions options, bool singleBuild = false)
    {
        if (options.Jobs < 0)
        {
            throw new UsageException("--jobs must be 0 (one per core) or more");
        }

        SitePaths paths = SitePaths.Resolve(options);
        var buildOptions = new BuildOptions(options.Drafts, options.Future, BuildClock.Now(), options.Minify);
        return new SiteSession(paths, options.Mode.ToLowerInvariant(), buildOptions, !options.NoTrace, options.Jobs) { SingleBuild = singleBuild };
    }

    /// <summary>Builds. <paramref name="changed"/>: the files a watcher saw change (null: check
    /// every file); <paramref name="rescan"/>: files were created or deleted.</summary>
    public BuildReport Build(IReadOnlyCollection<string>? changed, bool rescan, Action<int, int>? progress)
    {
        if (_phased is not null)
        {
            return _phased.Build(_jobs);
        }

        if (_adaptive is null && UsesState && SiteBuilder.TryReplay(Paths.Source, Paths.Output, _options) is { } replayed)
        {
            // Sealed and unchanged: nothing to open, run or write.
            SaveExplanation(replayed, null);
            return replayed;
        }

        bool opened = _adaptive is null;
        SiteBuilder builder = OpenAdaptive();
        if (opened)
        {
            // A new graph lists and reads every file: the watcher's list is not needed.
            changed = null;
            rescan = true;
        }

        // The changed files are refreshed inside the build and the log: the memos that reading
        // them recomputes at once are this build's work, and the start of explain's chains.
        using ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build(refreshAll: changed is null, _jobs, rescan, progress, changed);
        if (UsesState)
        {
            SaveExplanation(report, log); // a --no-trace build leaves the site's state alone
        }

        return report;
    }

    public void Dispose()
    {
        _adaptive?.Dispose();
        _store?.Dispose();
        _stateLock?.Dispose();
        _outputLock.Dispose();
    }

    /// <summary>Writes <c>.adapt/last-build.json</c>: for each output re-rendered because
    /// something changed, the chain from the changed input through the memos that executed
    /// (computed by the site builder).</summary>
    private void SaveExplanation(BuildReport report, ExecutionLog? log)
    {
        if (log is null)
        {
            // A replayed no-op: written by hand, not by the serializer, whose first use costs
            // more than the rest of such a build's bookkeeping (the same JSON LastBuild reads).
            string time = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            WriteExplanation($$"""{"Mode":"{{Mode}}","Time":"{{time}}","Written":[],"Deleted":[],"Outputs":{},"Chains":{},"Replayed":true}""");
            return;
        }

        BuildExplanation explanation = _adaptive!.Explain(report, log);
        WriteExplanation(JsonSerializer.Serialize(
            new LastBuild(Mode, DateTimeOffset.UtcNow, report.Written, report.Deleted, explanation.Outputs, explanation.Chains), LastBuildJson.Default.LastBuild));
    }

    private void WriteExplanation(string explanation)
    {
        try
        {
            Directory.CreateDirectory(Paths.State);
            File.WriteAllText(Paths.LastBuild, explanation);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a read-only or full .adapt/: explain will say it has nothing to explain
        }
    }
}

/// <summary>What <c>adapt explain</c> reads: the last adaptive build's rebuilt outputs and why.</summary>
/// <param name="Mode">The build mode.</param>
/// <param name="Time">When it ran.</param>
/// <param name="Written">Files written (bytes changed).</param>
/// <param name="Deleted">Files deleted.</param>
/// <param name="Outputs">Output path → output memo key, for the outputs the build re-rendered
/// or wrote (the other files of the output folder were not rebuilt).</param>
/// <param name="Chains">Output path → the chain, from the changed input to the output.</param>
/// <param name="Replayed">The build found its output sealed (nothing changed) and ran nothing;
/// <paramref name="Outputs"/> is then empty.</param>
internal sealed record LastBuild(
    string Mode,
    DateTimeOffset Time,
    IReadOnlyList<string> Written,
    IReadOnlyList<string> Deleted,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, List<string>> Chains,
    bool Replayed = false);

/// <summary>The serializer code for <see cref="LastBuild"/>, generated at compile time: the
/// reflection-based serializer's first use costs a build tens of milliseconds.</summary>
[JsonSerializable(typeof(LastBuild))]
internal sealed partial class LastBuildJson : JsonSerializerContext;
