// Discovery and the whole-site phases of a phased build: files fingerprinted against the cache,
// front matter (from the cache for unchanged pages), sections, taxonomies, menus, related pages,
// assets. Every phase runs over the whole site, in incremental mode too.
using System.Text.Json;
using Adaptive.Core;

namespace Adaptive.Site.Phased;

internal sealed partial class PhasedRun
{

    /// <summary>Lists the files, fingerprints them against the cache, reads the configuration
    /// and every page's front matter (from the cache for unchanged pages).</summary>
    private int Discover(string options)
    {
        _siteFiles = SiteFiles.Scan(_root);
        PhasedCache? cache = _mode == PhasedMode.Incremental ? PhasedCache.Load(_cachePath) : null;
        if (cache is not null && cache.Options != options)
        {
            cache = null; // other drafts/future/clock settings: everything may differ
        }

        long savedAtNs = cache is null ? 0 : FileStat.ToNanoseconds(new DateTime(cache.SavedAt, DateTimeKind.Utc));
        foreach (string file in AllFiles(_siteFiles))
        {
            string path = Path.Combine(_root, file);
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
        _model = new PhasedModel(_root, _siteFiles, _options, CachedMeta);
        foreach (string file in _changedFiles)
        {
            if (file.StartsWith("content/", StringComparison.Ordinal))
            {
                _changedPages.Add(file);
            }
        }

        if (_cache is not null && _cache.Now != (_options.Now?.UtcTicks ?? long.MaxValue))
        {
            // Pages dated between the last build's clock and this one's are published now (or,
            // with an earlier clock, no longer): they changed.
            long from = Math.Min(_cache.Now, _options.Now?.UtcTicks ?? long.MaxValue);
            long to = Math.Max(_cache.Now, _options.Now?.UtcTicks ?? long.MaxValue);
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
            // A page whose Markdown links to a changed, added or deleted page, or uses a changed
            // shortcode template, renders differently.
            foreach ((string source, string[] targets) in _cache.CrossReferences)
            {
                if (Array.Exists(targets, target => _changedPages.Contains(target) || _changedFiles.Contains(target)))
                {
                    _changedPages.Add(source);
                }
            }
        }

        _ = _model.Get(SiteLogic.Config);
        foreach (string source in _siteFiles.Content)
        {
            try
            {
                _ = _model.Get(SiteLogic.Meta, source);
            }
            catch (SiteException)
            {
                // reported by the page's own output
            }
        }

        _ = _model.Get(SiteLogic.Pages);
        _ = _model.Get(SiteLogic.BrokenPages);
        _ = _model.Get(SiteLogic.DataProblems);
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
        ValueList<string> sections = _model.Get(SiteLogic.Sections);
        foreach (string section in sections)
        {
            _ = _model.Get(SiteLogic.SectionPages, section);
            _ = _model.Get(SiteLogic.SectionPositions, section);
        }

        return sections.Count;
    }

    private int Taxonomies()
    {
        int terms = 0;
        foreach (string taxonomy in _model.Get(SiteLogic.Config).Taxonomies)
        {
            terms += _model.Get(SiteLogic.Terms, taxonomy).Count;
        }

        return terms;
    }

    private int Menus()
    {
        int items = _model.Get(SiteLogic.Menu, "main").Count;
        foreach (ConfigMenu menu in _model.Get(SiteLogic.Config).Menus)
        {
            items += _model.Get(SiteLogic.Menu, menu.Name).Count;
        }

        return items;
    }

    private int RelatedPages()
    {
        _ = _model.Get(SiteLogic.RelatedIndex);
        ValueList<string> pages = _model.Get(SiteLogic.Pages);
        Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, i =>
        {
            _ = _model.Get(SiteLogic.Related, pages[i]);
            _ = _model.Get(SiteLogic.Previous, pages[i]);
            _ = _model.Get(SiteLogic.Next, pages[i]);
        });
        return pages.Count;
    }

    private int Assets()
    {
        ValueDictionary assets = _model.Get(SiteLogic.Assets);
        _ = _model.Get(SiteLogic.DataNames);
        _ = _model.Get(SiteLogic.Claims);
        return assets.Count;
    }
}
