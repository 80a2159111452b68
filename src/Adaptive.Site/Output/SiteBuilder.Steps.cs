// The steps of an adaptive build after the graph is read: front matter on both cores, the outputs
// the trace proves in place, the link check over changed outputs, writing, the trace save and the
// seal (written only after a clean commit).
using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class SiteBuilder
{
    /// <summary>Seals the output folder after a build that finished cleanly: every file written
    /// and committed, none changed while it was read. Warnings about this build's own
    /// circumstances (the trace, an interrupted build) are not replayed.</summary>
    private void Seal(int pages, Dictionary<string, string> paths, List<SiteDiagnostic> diagnostics)
    {
        if (_changedWhileRead.Count > 0 || _unwritten.Count > 0 || Runtime.TraceWarning is not null)
        {
            return; // a file changed while read, a failed write, or a trace that could not be used: build again next time
        }

        // No trace diagnostic reaches here (a trace warning or a failed save means no seal);
        // an interrupted build's warning is about that build alone.
        var replayed = new List<SiteDiagnostic>(diagnostics.Count);
        foreach (SiteDiagnostic diagnostic in diagnostics)
        {
            if (!diagnostic.File.EndsWith(OutputWriter.JournalName, StringComparison.Ordinal))
            {
                replayed.Add(diagnostic);
            }
        }

        try
        {
            BuildSeal.Capture(Site, Produced(paths), pages, replayed).Write(Path.Combine(_writer.Root, BuildSeal.FileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No seal: the next build checks everything, as without one.
        }
    }

    /// <summary>The files the build produces: a failed output is not produced (its stale file is
    /// removed), so the output folder is always what a cold build of the same sources would write.</summary>
    private List<string> Produced(Dictionary<string, string> paths)
    {
        var produced = new List<string>(paths.Count);
        foreach (KeyValuePair<string, string> entry in paths)
        {
            if (!_failed.ContainsKey(entry.Key))
            {
                produced.Add(entry.Value);
            }
        }

        return produced;
    }

    private WriteResult WriteOutputs(List<KeyValuePair<string, byte[]>> writes, bool sameFiles, Dictionary<string, string> paths)
    {
        if (sameFiles)
        {
            return _writer.Write(writes, complete: false); // same files as the last build: no deletion to find
        }

        WriteResult result = _writer.Apply(writes, Produced(paths));
        _manifestWritten = true;
        return result;
    }

    /// <summary>Saves the trace; a failure (disk full, read-only folder) is a warning, never a
    /// failed build: the output is complete and correct, only the record of how it was computed
    /// is missing, and the journal stays so the next build checks the files this one wrote.</summary>
    private bool SaveTrace(List<SiteDiagnostic> diagnostics)
    {
        try
        {
            Runtime.SaveTrace();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new SiteDiagnostic(TraceFile, 0, 0,
                "could not save the trace (" + ex.Message + "): the output is complete; the next build redoes this one's work", DiagnosticSeverity.Warning));
            return false;
        }
    }

    /// <summary>Checks the links of the HTML outputs that changed, in parallel (each parses a
    /// page); the site's report then collects every broken link (unchanged pages from cache).</summary>
    private void CheckLinks(IReadOnlyList<Memo> changed, Dictionary<string, string> paths, int parallelism)
    {
        if (Site.Config.LinkCheck == LinkCheck.Off)
        {
            return;
        }

        var pages = new List<(string Key, string Path)>();
        foreach (Memo memo in changed)
        {
            // A single build leaves outputs taken from the trace to the report, which takes
            // their link checks from the trace too (green: nothing to parse).
            string key = _keys[memo];
            if (!(memo.IsValueInStore && Runtime.SingleBuild) && !_failed.ContainsKey(key) && paths.TryGetValue(key, out string? path) && Site.IsHtml(path))
            {
                pages.Add((key, path));
            }
        }

        Parallel.ForEach(pages, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, page => _ = Site.Get(SiteLogic.BrokenLinks, (page.Key, page.Path)));
    }

    private void PrepareFrontMatter(int parallelism)
    {
        ValueList<string> content = Site.Files.Content;
        Parallel.For(0, content.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            try
            {
                _ = Site.Get(SiteLogic.IsPublished, content[i]);
            }
            catch (SiteException)
            {
                // reported where the pages are listed
            }
        });
    }

    /// <summary>A site whose layouts ask for images lists those images by rendering its HTML
    /// outputs inside the list of outputs, one after the other. When they all render again (a
    /// cold build, or a layout changed: the check whether layouts use the helper ran again),
    /// render them on every core first, and the list reads what they asked for. Otherwise the
    /// few that changed render where they are listed: checking every one here would cost an
    /// edit in a new process ~20 % (140 ms at 4,000 pages).</summary>
    private void PrepareLayoutImages(int parallelism)
    {
        RuntimeStats before = Runtime.Stats;
        ValueList<OutputEntry> claimed;
        try
        {
            if (!Site.Get(SiteLogic.LayoutsUseImages) || (Runtime.Stats - before).Executions == 0)
            {
                return;
            }

            claimed = Site.Get(SiteLogic.Claims).Entries;
        }
        catch (SiteException)
        {
            return; // reported where the outputs are listed
        }

        Parallel.For(0, claimed.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            if (SiteLogic.HasLayout(claimed[i]))
            {
                _ = Site.Get(SiteLogic.OutputImages, claimed[i].Key); // a failed render is reported by its output
            }
        });
    }

    /// <summary>True when the output's file holds what the last build wrote for it: it is there,
    /// no interrupted build may have written it, and its last write did not fail.</summary>
    private bool FileInPlace(string key, string path, IReadOnlySet<string> unsettled) =>
        !unsettled.Contains(path) && !_unwritten.Contains(key) && _writer.Exists(path);

    private void SyncObserved(ValueList<OutputEntry> entries, IReadOnlySet<string> unsettled, int parallelism)
    {
        var current = new HashSet<string>(entries.Count, StringComparer.Ordinal);
        foreach (OutputEntry entry in entries)
        {
            current.Add(entry.Key);
        }

        foreach (string key in _observed.Keys.Where(k => !current.Contains(k)).ToList())
        {
            Memo<byte[]> memo = _observed[key];
            _observer.Remove(memo);
            _observed.Remove(key);
            _keys.Remove(memo);
            _failed.Remove(key);
        }

        _kept.IntersectWith(current);
        var added = new List<OutputEntry>();
        foreach (OutputEntry entry in entries)
        {
            if (!_observed.ContainsKey(entry.Key) && !_kept.Contains(entry.Key))
            {
                added.Add(entry);
            }
        }

        var kept = new bool[added.Count];
        if (Runtime.SingleBuild)
        {
            // In parallel: what is not green is brought up to date on the way (a template edit
            // renders every page here).
            Parallel.For(0, added.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
            {
                OutputEntry entry = added[i];
                kept[i] = FileInPlace(entry.Key, entry.Path, unsettled) && Site.TryKeepOutput(entry.Key);
            });
        }

        for (int i = 0; i < added.Count; i++)
        {
            OutputEntry entry = added[i];
            if (kept[i])
            {
                _kept.Add(entry.Key);
                continue;
            }

            Memo<byte[]> memo = Site.OutputMemo(entry.Key);
            _observed[entry.Key] = memo;
            _keys[memo] = entry.Key;
            _observer.Add(memo);
        }
    }
}
