using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Adaptive.Core;

namespace Adaptive.Site.Phased;

/// <summary>How the phased build decides what to render.</summary>
public enum PhasedMode
{
    /// <summary>Everything, every time.</summary>
    Full,

    /// <summary>From a build cache: changed files, the outputs that read them, and a full build
    /// when the configuration, the options or the generator changed.</summary>
    Incremental,
}

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
        var run = new Run(this, parallelism);
        return run.Execute();
    }

    /// <summary>One build: the phases and what they share.</summary>
    private sealed class Run(PhasedBuilder builder, int parallelism)
    {
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
        private readonly IReadOnlySet<string> _unsettled = builder._writer.Unsettled(); // files a killed build may have written
        private PhasedModel _model = null!;
        private SiteFiles _siteFiles = null!;

        public BuildReport Execute()
        {
            // The clock is not part of the cache's identity: a later build only re-checks the pages
            // whose date it passed (see Discover).
            string options = JsonSerializer.Serialize(builder._options with { Now = null }, SiteJson.Options);
            var diagnostics = new List<SiteDiagnostic>();
            if (_unsettled.Count > 0)
            {
                diagnostics.Add(builder._writer.InterruptedWarning(_unsettled.Count));
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
                entries = _model.Outputs;
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

                renderedPaths.Sort(StringComparer.Ordinal);
                rendered = Render(work);
                return work.Count;
            });

            WriteResult result = null!;
            Phase("postprocess", () =>
            {
                CheckLinks(rendered);
                diagnostics.AddRange(_model.OutputConflicts);
                diagnostics.AddRange(_model.DataProblems);
                diagnostics.AddRange(_model.LinkProblems);
                diagnostics.AddRange(_model.ContentWarnings);
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

                result = builder._writer.Apply(writes, produced);
                return writes.Count;
            });

            Phase("cache save", () =>
            {
                int saved = SaveCache(entries, options);
                if (_cacheSaved)
                {
                    builder._writer.Commit(); // else the journal stays: the next build checks what this one wrote
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

            return new BuildReport(_model.Pages.Count, entries.Count, renderedPaths.Count, result.Written, result.Deleted, unique, default, _clock.Elapsed, _phases) { RenderedPaths = renderedPaths };
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

        /// <summary>Lists the files, fingerprints them against the cache, reads the configuration
        /// and every page's front matter (from the cache for unchanged pages).</summary>
        private int Discover(string options)
        {
            _siteFiles = SiteFiles.Scan(builder._root);
            PhasedCache? cache = builder._mode == PhasedMode.Incremental ? PhasedCache.Load(builder._cachePath) : null;
            if (cache is not null && cache.Options != options)
            {
                cache = null; // other drafts/future/clock settings: everything may differ
            }

            long savedAtNs = cache is null ? 0 : FileStat.ToNanoseconds(new DateTime(cache.SavedAt, DateTimeKind.Utc));
            foreach (string file in AllFiles(_siteFiles))
            {
                string path = Path.Combine(builder._root, file);
                if (FileStat.Read(path) is not { } stat)
                {
                    continue;
                }

                // The stat vouches for the cached hash only when it carries a change time (no
                // tool sets that back) and the file had settled before the cache was saved.
                FileRecord? previous = null;
                cache?.Files.TryGetValue(file, out previous);
                FileRecord record = previous is not null && stat.Vouches(previous.Stat) && !stat.IsRacy(savedAtNs)
                    ? previous
                    : new FileRecord(stat, HashOf(path));
                _files[file] = record;
                if (previous is null || previous.Hash != record.Hash)
                {
                    _changedFiles.Add(file);
                }
            }

            if (cache is not null)
            {
                foreach (string file in cache.Files.Keys)
                {
                    if (!_files.ContainsKey(file))
                    {
                        _changedFiles.Add(file); // deleted
                    }
                }

                if (_changedFiles.Contains(SiteConfigParser.FileName))
                {
                    cache = null; // the configuration changed: a full build, as the reference does
                }
            }

            _cache = cache;
            _model = new PhasedModel(builder._root, _siteFiles, builder._options, CachedMeta);
            foreach (string file in _changedFiles)
            {
                if (file.StartsWith("content/", StringComparison.Ordinal))
                {
                    _changedPages.Add(file);
                }
            }

            if (_cache is not null && _cache.Now != (builder._options.Now?.UtcTicks ?? long.MaxValue))
            {
                // Pages dated between the last build's clock and this one's are published now (or,
                // with an earlier clock, no longer): they changed.
                long from = Math.Min(_cache.Now, builder._options.Now?.UtcTicks ?? long.MaxValue);
                long to = Math.Max(_cache.Now, builder._options.Now?.UtcTicks ?? long.MaxValue);
                foreach ((string source, string json) in _cache.Metas)
                {
                    if (JsonSerializer.Deserialize<FrontMatter>(json, SiteJson.Options)?.Date is { } date && date.UtcTicks > from && date.UtcTicks <= to)
                    {
                        _changedPages.Add(source);
                    }
                }
            }

            if (_cache is not null)
            {
                // A page whose Markdown links to a changed, added or deleted page renders differently.
                foreach ((string source, string[] targets) in _cache.CrossReferences)
                {
                    if (Array.Exists(targets, _changedPages.Contains))
                    {
                        _changedPages.Add(source);
                    }
                }
            }

            _ = _model.Config;
            foreach (string source in _siteFiles.Content)
            {
                try
                {
                    _ = _model.Meta(source);
                }
                catch (SiteException)
                {
                    // reported by the page's own output
                }
            }

            _ = _model.Pages;
            _ = _model.BrokenPages;
            _ = _model.DataProblems;
            return _files.Count;
        }

        private FrontMatter? CachedMeta(string source)
        {
            if (_cache is null || _changedFiles.Contains(source) || !_cache.Metas.TryGetValue(source, out string? json))
            {
                return null;
            }

            return JsonSerializer.Deserialize<FrontMatter>(json, SiteJson.Options);
        }

        private int Sections()
        {
            ValueList<string> sections = _model.Sections;
            foreach (string section in sections)
            {
                _ = _model.SectionPages(section);
                _ = _model.SectionPositions(section);
            }

            return sections.Count;
        }

        private int Taxonomies()
        {
            int terms = 0;
            foreach (string taxonomy in _model.Config.Taxonomies)
            {
                terms += _model.Terms(taxonomy).Count;
            }

            return terms;
        }

        private int Menus()
        {
            int items = _model.Menu("main").Count;
            foreach (ConfigMenu menu in _model.Config.Menus)
            {
                items += _model.Menu(menu.Name).Count;
            }

            return items;
        }

        private int RelatedPages()
        {
            _ = _model.RelatedIndex;
            ValueList<string> pages = _model.Pages;
            Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
            {
                _ = _model.Related(pages[i]);
                _ = _model.Previous(pages[i]);
                _ = _model.Next(pages[i]);
            });
            return pages.Count;
        }

        private int Assets()
        {
            ValueDictionary assets = _model.Assets;
            _ = _model.DataNames;
            _ = _model.Claims;
            return assets.Count;
        }

        /// <summary>The outputs to render: all of them in full mode; otherwise those that are new,
        /// moved, or read something that changed. Failures that nothing repaired are carried over.</summary>
        private List<OutputEntry> ToRender(ValueList<OutputEntry> entries)
        {
            var work = new List<OutputEntry>();
            foreach (OutputEntry entry in entries)
            {
                if (_cache is null || !_cache.Outputs.TryGetValue(entry.Key, out OutputRecord? record) || record.Path != entry.Path || Changed(record)
                    || _unsettled.Contains(entry.Path) || !builder._writer.Exists(entry.Path))
                {
                    work.Add(entry);
                    continue;
                }

                _records[entry.Key] = record;
                if (record.Error is { } error)
                {
                    _failures[entry.Key] = error;
                }
            }

            return work;
        }

        private bool Changed(OutputRecord record)
        {
            foreach (string page in record.Pages)
            {
                if (_changedPages.Contains(page))
                {
                    return true;
                }
            }

            foreach (ValueRead read in record.Values)
            {
                if (HashOf(read.Kind, read.Argument) != read.Hash)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Renders in parallel, recording what each output reads.</summary>
        private List<(OutputEntry Entry, byte[] Bytes)> Render(List<OutputEntry> work)
        {
            var rendered = new ConcurrentBag<(OutputEntry, byte[])>();
            Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, entry =>
            {
                var recorder = new DependencyRecorder();
                var record = new OutputRecord { Path = entry.Path };
                try
                {
                    rendered.Add((entry, _model.Render(entry.Key, recorder)));
                }
                catch (SiteException ex)
                {
                    record.Error = ex.Diagnostic;
                    _failures[entry.Key] = ex.Diagnostic;
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException)
                {
                    record.Error = new SiteDiagnostic(entry.Key, 0, 0, "could not build: " + ex.Message);
                    _failures[entry.Key] = record.Error;
                }

                record.Pages = [.. recorder.Pages.Order(StringComparer.Ordinal)];
                record.Values = [.. recorder.Values.Select(v => new ValueRead(v.Kind, v.Argument, HashOf(v.Kind, v.Argument)))];
                _records[entry.Key] = record;
            });

            return [.. rendered];
        }

        /// <summary>Extracts the links of the rendered HTML outputs (in parallel); the others'
        /// come from the cache. The site's link problems are then computed from all of them.</summary>
        private void CheckLinks(List<(OutputEntry Entry, byte[] Bytes)> rendered)
        {
            // Outputs not rendered this time answer from the cache (a carried failure has no links).
            _model.CachedLinks = (key, _) => _rendered.Contains(key) || !_records.TryGetValue(key, out OutputRecord? record) ? null
                : record.Error is not null ? ValueList<string>.Empty
                : record.Links is { } links ? new ValueList<string>(links)
                : null;
            foreach ((OutputEntry entry, _) in rendered)
            {
                _rendered.Add(entry.Key);
            }

            if (_model.Config.LinkCheck == LinkCheck.Off)
            {
                return;
            }

            Parallel.ForEach(rendered, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, item =>
            {
                if (Site.IsHtml(item.Entry.Path))
                {
                    _records[item.Entry.Key].Links = [.. _model.LinksOf(item.Entry.Key, item.Entry.Path)];
                }
            });
        }

        private readonly HashSet<string> _rendered = new(StringComparer.Ordinal);

        private int SaveCache(ValueList<OutputEntry> entries, string options)
        {
            var cache = new PhasedCache
            {
                Engine = PhasedCache.CurrentEngine,
                Options = options,
                SavedAt = DateTime.UtcNow.Ticks,
                Now = builder._options.Now?.UtcTicks ?? long.MaxValue,
                Files = _files,
            };
            foreach (string source in _siteFiles.Content)
            {
                if (_cache is not null && !_changedFiles.Contains(source) && _cache.Metas.TryGetValue(source, out string? json))
                {
                    cache.Metas[source] = json;
                    continue;
                }

                try
                {
                    cache.Metas[source] = JsonSerializer.Serialize(_model.Meta(source), SiteJson.Options);
                }
                catch (SiteException)
                {
                    // parsed again next time, so its error is reported again
                }
            }

            foreach (string source in _siteFiles.Content)
            {
                if (_model.CrossReferences.TryGetValue(source, out string[]? targets))
                {
                    cache.CrossReferences[source] = targets;
                }
                else if (_cache is not null && _cache.CrossReferences.TryGetValue(source, out string[]? previous) && !_changedPages.Contains(source))
                {
                    cache.CrossReferences[source] = previous;
                }
            }

            foreach (OutputEntry entry in entries)
            {
                if (_records.TryGetValue(entry.Key, out OutputRecord? record))
                {
                    cache.Outputs[entry.Key] = record;
                }
            }

            try
            {
                cache.Save(builder._cachePath);
                _cacheSaved = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The output is still complete and correct; the next build trusts the previous
                // cache only for files this one did not write (the journal stays).
            }

            return cache.Outputs.Count;
        }

        /// <summary>A hash of a value as it is in this build (memoized; a failure hashes its message).</summary>
        private string HashOf(string kind, string argument) =>
            kind is "fileBytes" or "text"
                ? _files.TryGetValue(argument, out FileRecord? file) ? file.Hash : "missing" // known from discovery
                : _hashes.GetOrAdd((kind, argument), static (key, model) =>
            {
                try
                {
                    return model.Value(key.Item1, key.Item2) switch
                    {
                        byte[] bytes => PhasedCache.Hash(bytes),
                        null => "null",
                        var value => PhasedCache.Hash(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), SiteJson.Options)),
                    };
                }
                catch (SiteException ex)
                {
                    return "error:" + PhasedCache.Hash(System.Text.Encoding.UTF8.GetBytes(ex.Diagnostic.ToString()));
                }
            }, _model);

        private static IEnumerable<string> AllFiles(SiteFiles files) =>
            files.Content.Concat(files.Layouts).Concat(files.Static).Concat(files.Assets).Concat(files.Data).Append(SiteConfigParser.FileName);
    }
}
