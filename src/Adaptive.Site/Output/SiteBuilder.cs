using System.Diagnostics;
using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>
/// Builds a site into an output folder, the first time completely and then incrementally: the
/// outputs are observed memos; a build lists the outputs, brings the changed ones up to date (in
/// parallel), writes only the bytes that changed and deletes what is no longer produced. Errors
/// in one output are reported and the others are still built; a failed output's file is
/// removed, so the folder always equals what a cold build of the same sources writes.
/// </summary>
public sealed partial class SiteBuilder : IDisposable
{
    private readonly Observer _observer;
    private readonly Observer _reports; // the site's report: after the outputs, on one thread
    private readonly OutputWriter _writer;
    private readonly Dictionary<string, Memo<byte[]>> _observed = new(StringComparer.Ordinal);
    private readonly Dictionary<Memo, string> _keys = new(ReferenceEqualityComparer.Instance);

    // A single build's outputs that the trace proves unchanged, their files in place: kept
    // without a memo or an observer entry (an edit of one page creates memos for that page's
    // outputs, not for the 25,000 others).
    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);

    // Outputs whose last computation failed: reported by every build until they are fixed or
    // gone, so an incremental build reports the same errors as a cold one.
    private readonly Dictionary<string, SiteDiagnostic> _failed = new(StringComparer.Ordinal);

    private ValueList<OutputEntry>? _entries;
    private Dictionary<string, string> _paths = new(StringComparer.Ordinal);
    private bool _manifestWritten;

    // Outputs whose last write failed: written again by the next build even if unchanged.
    private readonly HashSet<string> _unwritten = new(StringComparer.Ordinal);

    /// <summary>Files whose bytes changed while the last build read them: that build used the
    /// bytes it read; the next one refreshes them, so it catches up even without a file event.</summary>
    private IReadOnlyList<FileInput> _changedWhileRead = [];

    /// <summary>Creates the site's graph (with <paramref name="trace"/>, results of the previous
    /// process are reused; <paramref name="clock"/> decides whether a file was hashed too soon
    /// after it was written for its stat to vouch for it next time: tests pass their own). With
    /// <paramref name="singleBuild"/> the builder builds once (a command-line build): results the
    /// trace proves unchanged are taken without loading the graph behind them, and a second
    /// <see cref="Build"/> that finds a change throws.</summary>
    public SiteBuilder(string root, string output, BuildOptions? options = null, ITraceStore? trace = null, TimeProvider? clock = null, bool singleBuild = false)
    {
        Runtime = trace is null ? new AdaptiveRuntime() : new AdaptiveRuntime(trace, clock, singleBuild);
        Site = new Site(Runtime, root, options, listNow: false); // listed by the first build
        _writer = new OutputWriter(output);
        _observer = Runtime.CreateObserver();
        _reports = Runtime.CreateObserver();
        _reports.Add(Site.ReportMemo);
    }

    /// <summary>Where diagnostics about the trace point.</summary>
    private const string TraceFile = ".adapt/trace.db";

    /// <summary>The runtime.</summary>
    public AdaptiveRuntime Runtime { get; }

    /// <summary>The site's graph.</summary>
    public Site Site { get; }

    /// <summary>The output folder.</summary>
    public string Output => _writer.Root;

    /// <summary>Builds. Files added or removed are found by listing the site again unless
    /// <paramref name="rescan"/> is false (a watcher that saw no creation or deletion); edited
    /// files are found with <see cref="Site.Refresh"/> first, by <paramref name="changedFiles"/>, or
    /// by <paramref name="refreshAll"/>, which checks every input file. When the set of outputs
    /// did not change, the work is proportional to what changed, not to the size of the site.</summary>
    /// <param name="refreshAll">Check every input file for changes.</param>
    /// <param name="parallelism">Threads that render (0: one per core).</param>
    /// <param name="rescan">List the site's files again (false when a watcher saw no creation or deletion).</param>
    /// <param name="progress">Called with (outputs brought up to date, outputs to bring up to date) while rendering.</param>
    /// <param name="changedFiles">Files a watcher saw change (relative to the site): refreshed as this
    /// build's first step, so the report's work includes what reading them recomputes at once
    /// (a page's front matter and body sources).</param>
    public BuildReport Build(bool refreshAll = false, int parallelism = 0, bool rescan = true, Action<int, int>? progress = null, IReadOnlyCollection<string>? changedFiles = null)
    {
        var clock = Stopwatch.StartNew();
        RuntimeStats before = Runtime.Stats;
        var phases = new List<PhaseTiming>();
        var step = Stopwatch.StartNew();
        void Step(string name, int items)
        {
            phases.Add(new PhaseTiming(name, step.Elapsed, items));
            step.Restart();
        }

        foreach (string file in changedFiles ?? [])
        {
            Site.Refresh(file);
        }

        if (rescan)
        {
            Site.Rescan();
        }

        if (refreshAll)
        {
            Site.RefreshAll();
        }

        foreach (FileInput file in (FileInput[])[.. _changedWhileRead, .. Runtime.TakeFilesChangedWhileRead()])
        {
            file.Refresh();
        }

        Step("inputs", Site.Files.Content.Count);

        var diagnostics = new List<SiteDiagnostic>();

        // Files a killed build (or one whose trace save failed) may have written: never trusted.
        IReadOnlySet<string> unsettled = _writer.Unsettled();
        if (unsettled.Count > 0)
        {
            diagnostics.Add(_writer.InterruptedWarning(unsettled.Count));
        }

        if (_entries is null && !Runtime.HasStoredResults)
        {
            // A cold build: every page's front matter is read to list the outputs, one page
            // after the other inside the list of pages; read them on every core first.
            PrepareFrontMatter(parallelism > 0 ? parallelism : Environment.ProcessorCount);
        }

        PrepareLayoutImages(parallelism > 0 ? parallelism : Environment.ProcessorCount);

        ValueList<OutputEntry> entries;
        try
        {
            entries = Site.Outputs;
        }
        catch (SiteException ex)
        {
            diagnostics.Add(ex.Diagnostic);
            SaveTrace(diagnostics);
            return new BuildReport(0, 0, 0, [], [], diagnostics, Runtime.Stats - before, clock.Elapsed, phases);
        }

        bool sameOutputs = ReferenceEquals(entries, _entries);
        if (!sameOutputs)
        {
            SyncObserved(entries, unsettled, parallelism > 0 ? parallelism : Environment.ProcessorCount);
            _paths = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
            foreach (OutputEntry entry in entries)
            {
                _paths[entry.Key] = entry.Path;
            }

            _entries = entries;
        }

        Step("outputs", entries.Count);
        parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        IReadOnlyList<Memo> changed = _observer.Stabilize(parallelism, progress);
        Dictionary<string, string> paths = _paths;
        var writes = new List<KeyValuePair<string, byte[]>>();
        var writtenKeys = new List<string>();
        bool failuresChanged = false;
        var rendered = new List<string>();
        // Outputs whose last write failed (disk full, a file in the way) are written again even
        // though their memos did not change.
        var toWrite = new List<Memo>(changed);
        if (_unwritten.Count > 0)
        {
            var seen = new HashSet<Memo>(changed, ReferenceEqualityComparer.Instance);
            foreach (string key in _unwritten)
            {
                if (_observed.TryGetValue(key, out Memo<byte[]>? memo) && seen.Add(memo))
                {
                    toWrite.Add(memo);
                }
            }
        }

        foreach (Memo memo in toWrite)
        {
            string key = _keys[memo];
            if (memo.MatchesTrace && FileInPlace(key, paths[key], unsettled))
            {
                // The value the last build saved in the trace — reused from it, or computed again
                // to the same bytes — and its file is there: what it holds is what that build
                // wrote. Nothing to render, read or write. (A new process has no previous value
                // to cut off against, so its observer reports every output; this is that cutoff.)
                failuresChanged |= _failed.Remove(key);
                continue;
            }

            rendered.Add(paths[key]);
            try
            {
                writes.Add(new(paths[key], ((Memo<byte[]>)memo).Value));
                writtenKeys.Add(key);
                failuresChanged |= _failed.Remove(key);
            }
            catch (SiteException ex)
            {
                failuresChanged |= !_failed.TryGetValue(key, out SiteDiagnostic? previous) || previous != ex.Diagnostic;
                _failed[key] = ex.Diagnostic;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException)
            {
                _failed[key] = new SiteDiagnostic(key, 0, 0, "could not build: " + ex.Message);
                failuresChanged = true;
            }
        }

        Step("render", changed.Count);
        CheckLinks(changed, paths, parallelism);
        _reports.Stabilize(1);
        _changedWhileRead = Runtime.TakeFilesChangedWhileRead();
        foreach (FileInput file in _changedWhileRead)
        {
            diagnostics.Add(new SiteDiagnostic(Path.GetRelativePath(Site.Root, file.Path).Replace('\\', '/'), 0, 0,
                "the file changed while this build was reading it: its new content is used where it was read; build again to bring everything else up to date",
                DiagnosticSeverity.Warning));
        }

        SiteReport report = Site.Get(SiteLogic.Report);
        int pages = report.Pages;
        foreach (SiteDiagnostic problem in report.Problems)
        {
            if (!diagnostics.Contains(problem))
            {
                diagnostics.Add(problem);
            }
        }

        foreach (SiteDiagnostic failure in _failed.Values)
        {
            if (!diagnostics.Contains(failure))
            {
                diagnostics.Add(failure);
            }
        }

        Step("postprocess", report.Problems.Count);
        WriteResult result;
        try
        {
            result = WriteOutputs(writes, sameOutputs && !failuresChanged && _manifestWritten && unsettled.Count == 0 && _unwritten.Count == 0, paths);
            _unwritten.Clear();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing is recorded as done: the trace is not saved (a new process verifies against
            // the last saved one), the files are written again by the next build in this process,
            // and what was written is in the journal.
            _unwritten.UnionWith(writtenKeys);
            _manifestWritten = false;
            diagnostics.Add(new SiteDiagnostic(Path.GetFileName(_writer.Root), 0, 0,
                "could not write the output (" + ex.Message + "): fix the cause (disk space, permissions, a file in the way) and build again"));
            diagnostics.Sort(SiteDiagnostic.Order);
            return new BuildReport(pages, entries.Count, rendered.Count, [], [], diagnostics, Runtime.Stats - before, clock.Elapsed, phases) { RenderedPaths = Sorted(rendered) };
        }

        if (Runtime.TraceWarning is { } warning)
        {
            diagnostics.Add(new SiteDiagnostic(TraceFile, 0, 0, warning, DiagnosticSeverity.Warning));
        }

        Step("write", writes.Count);
        if (Runtime.SingleBuild)
        {
            // The files are written and this process builds once: the bytes, bodies and rendered
            // Markdown it holds are needed only as fingerprints from here on, and the save needs
            // memory of its own.
            writes.Clear();
            if (Runtime.DropRecomputableValues() > 0)
            {
                // They are long-lived (the oldest generation): without a full collection the
                // save would grow the heap instead of reusing their room.
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            }
        }

        if (SaveTrace(diagnostics))
        {
            _writer.Commit();
            Seal(pages, paths, diagnostics);
        }

        Step("trace save", 0);
        diagnostics.Sort(SiteDiagnostic.Order);
        return new BuildReport(pages, entries.Count, rendered.Count, result.Written, result.Deleted, diagnostics, Runtime.Stats - before, clock.Elapsed, phases) { RenderedPaths = Sorted(rendered) };
    }

    private static List<string> Sorted(List<string> paths)
    {
        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    /// <summary>
    /// When the output folder is sealed (<see cref="BuildSeal"/>) and nothing it was built from
    /// changed, the report of the build that sealed it: a new process then opens no trace, runs
    /// nothing and writes nothing. Null when a build is needed.
    /// </summary>
    /// <param name="root">The site folder.</param>
    /// <param name="output">The output folder.</param>
    /// <param name="options">This build's options.</param>
    /// <param name="clock">Tells whether a file hashed now was written too recently for its new
    /// stat to vouch for it next time (default: the system clock).</param>
    public static BuildReport? TryReplay(string root, string output, BuildOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(output);
        return BuildSeal.TryReplay(Path.GetFullPath(root), Path.GetFullPath(output), options ?? new BuildOptions(), clock ?? TimeProvider.System);
    }

    /// <summary>Removes the seal of <paramref name="output"/> (see <see cref="TryReplay"/>).</summary>
    public static void Unseal(string output) => BuildSeal.Break(Path.GetFullPath(output));

    /// <inheritdoc/>
    /// <summary>Why the last build re-rendered each output (<paramref name="log"/>: what it executed).</summary>
    public BuildExplanation Explain(BuildReport report, ExecutionLog log) => BuildExplanation.Of(Site, report, log);

    /// <inheritdoc/>
    public void Dispose()
    {
        _reports.Dispose();
        _observer.Dispose();
    }

    /// <summary>The identity of the code behind a site's values (the runtime's and the site's
    /// assemblies): open the trace store with it, so that a trace written by another version of
    /// adapt is set aside rather than trusted (a memo's code fingerprint covers its own
    /// computation, not the site logic it calls).</summary>
    public static string CodeIdentity => BuildSeal.CurrentEngine;
}
