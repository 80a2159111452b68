using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Adaptive.Site.Phased;

/// <summary>One phased build: the phases in order and what they share (discovery and the
/// whole-site phases in PhasedRun.Discovery.cs, render and link check in PhasedRun.Render.cs,
/// the cache in PhasedRun.Cache.cs).</summary>
internal sealed partial class PhasedRun(string root, OutputWriter writer, BuildOptions options, PhasedMode mode, string cachePath, int parallelism)
{
    private readonly string _root = root;
    private readonly OutputWriter _writer = writer;
    private readonly BuildOptions _options = options;
    private readonly PhasedMode _mode = mode;
    private readonly string _cachePath = cachePath;
    private readonly int _parallelism = parallelism;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<PhaseTiming> _phases = [];
    private readonly ConcurrentDictionary<(string, string), string> _hashes = new();
    private readonly Dictionary<string, FileRecord> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedPages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutputRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SiteDiagnostic> _failures = new(StringComparer.Ordinal);
    private PhasedCache? _cache;
    private bool _cacheSaved;
    private readonly IReadOnlySet<string> _unsettled = writer.Unsettled(); // files a killed build may have written
    private PhasedModel _model = null!;
    private SiteFiles _siteFiles = null!;

    public BuildReport Execute()
    {
        // The clock is not part of the cache's identity: a later build only re-checks the pages
        // whose date it passed (see Discover).
        string options = JsonSerializer.Serialize(_options with { Now = null }, SiteJson.Options);
        var diagnostics = new List<SiteDiagnostic>();
        if (_unsettled.Count > 0)
        {
            diagnostics.Add(_writer.InterruptedWarning(_unsettled.Count));
        }

        ValueList<OutputEntry> entries;
        try
        {
            Phase("discovery", () => Discover(options));
            Phase("sections", () => Sections());
            Phase("taxonomies", () => Taxonomies());
            Phase("menus", () => Menus());
            Phase("related", () => RelatedPages());
            Phase("assets", () => Assets());
            entries = _model.Get(SiteLogic.Claims).Entries; // and, after the render, what layouts ask for
        }
        catch (SiteException ex)
        {
            // The configuration (or the file list) cannot be read: nothing is built, as in
            // the adaptive build, and the cache stays as the last good build left it.
            diagnostics.Add(ex.Diagnostic);
            return new BuildReport(0, 0, 0, [], [], diagnostics, default, _clock.Elapsed, _phases);
        }

        List<(OutputEntry Entry, byte[] Bytes)> rendered = [];
        var renderedPaths = new List<string>();
        Phase("render", () =>
        {
            List<OutputEntry> work = ToRender(entries);
            foreach (OutputEntry entry in work)
            {
                renderedPaths.Add(entry.Path);
            }

            rendered = Render(work);
            return work.Count;
        });

        // The image variants layouts asked for, from this render and the cache: outputs too.
        SiteDiagnostic? unlisted = null;
        Phase("layout images", () =>
        {
            _model.CachedImages = key => !_records.TryGetValue(key, out OutputRecord? record) ? null // this render's or the cache's
                : record.Images is { } images ? new ValueList<string>(images)
                : ValueList<string>.Empty;
            ValueList<OutputEntry> claimed = entries;
            try
            {
                entries = _model.Get(SiteLogic.Outputs);
            }
            catch (SiteException ex)
            {
                unlisted = ex.Diagnostic; // nothing is written, as in the adaptive build
                return 0;
            }

            if (entries.Count == claimed.Count)
            {
                return 0;
            }

            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (OutputEntry entry in claimed)
            {
                listed.Add(entry.Key);
            }

            var variants = new List<OutputEntry>();
            foreach (OutputEntry entry in entries)
            {
                if (!listed.Contains(entry.Key))
                {
                    variants.Add(entry);
                }
            }

            List<OutputEntry> work = ToRender(new ValueList<OutputEntry>(variants));
            foreach (OutputEntry entry in work)
            {
                renderedPaths.Add(entry.Path);
            }

            rendered.AddRange(Render(work));
            return work.Count;
        });
        if (unlisted is not null)
        {
            diagnostics.Add(unlisted);
            return new BuildReport(0, 0, 0, [], [], diagnostics, default, _clock.Elapsed, _phases);
        }

        renderedPaths.Sort(StringComparer.Ordinal);

        WriteResult result = null!;
        Phase("postprocess", () =>
        {
            CheckLinks(rendered);
            diagnostics.AddRange(_model.Get(SiteLogic.OutputConflicts));
            diagnostics.AddRange(_model.Get(SiteLogic.DataProblems));
            diagnostics.AddRange(_model.Get(SiteLogic.LinkProblems));
            diagnostics.AddRange(_model.Get(SiteLogic.ContentWarnings));
            var produced = new List<string>(entries.Count);
            foreach (OutputEntry entry in entries)
            {
                if (_failures.TryGetValue(entry.Key, out SiteDiagnostic? failure))
                {
                    diagnostics.Add(failure);
                }
                else
                {
                    produced.Add(entry.Path);
                }
            }

            var writes = new List<KeyValuePair<string, byte[]>>(rendered.Count);
            foreach ((OutputEntry entry, byte[] bytes) in rendered)
            {
                writes.Add(new(entry.Path, bytes));
            }

            result = _writer.Apply(writes, produced);
            return writes.Count;
        });

        Phase("cache save", () =>
        {
            int saved = SaveCache(entries, options);
            if (_cacheSaved)
            {
                _writer.Commit(); // else the journal stays: the next build checks what this one wrote
            }

            return saved;
        });
        var unique = new List<SiteDiagnostic>();
        Phase("stats", () =>
        {
            foreach (SiteDiagnostic diagnostic in diagnostics)
            {
                if (!unique.Contains(diagnostic))
                {
                    unique.Add(diagnostic);
                }
            }

            unique.Sort(SiteDiagnostic.Order);
            return unique.Count;
        });

        return new BuildReport(_model.Get(SiteLogic.Pages).Count, entries.Count, renderedPaths.Count, result.Written, result.Deleted, unique, default, _clock.Elapsed, _phases) { RenderedPaths = renderedPaths };
    }

    private void Phase(string name, Func<int> body)
    {
        var clock = Stopwatch.StartNew();
        int items = body();
        _phases.Add(new PhaseTiming(name, clock.Elapsed, items));
    }

    /// <summary>A file's content hash; a file that cannot be read hashes as "unreadable" (its
    /// outputs then report it where they read it, and a permission change moves its stat).</summary>
    private static string HashOf(string path)
    {
        try
        {
            return PhasedCache.Hash(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
