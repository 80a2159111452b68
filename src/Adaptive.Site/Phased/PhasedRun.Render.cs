// Render and link check of a phased build: which outputs to render (new, moved, or a page or
// value they read changed), rendering them in parallel while recording their reads, and their links.
using System.Collections.Concurrent;

namespace Adaptive.Site.Phased;

internal sealed partial class PhasedRun
{

    /// <summary>The outputs to render: all of them in full mode; otherwise those that are new,
    /// moved, or read something that changed. Failures that nothing repaired are carried over.</summary>
    private List<OutputEntry> ToRender(ValueList<OutputEntry> entries)
    {
        var work = new List<OutputEntry>();
        foreach (OutputEntry entry in entries)
        {
            if (_cache is null || !_cache.Outputs.TryGetValue(entry.Key, out OutputRecord? record) || record.Path != entry.Path || Changed(record)
                || _unsettled.Contains(entry.Path) || !_writer.Exists(entry.Path))
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
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, entry =>
        {
            var recorder = new DependencyRecorder();
            var record = new OutputRecord { Path = entry.Path };
            try
            {
                rendered.Add((entry, _model.Render(entry.Key, recorder)));
                if (SiteLogic.HasLayout(entry) && _model.Get(SiteLogic.OutputImages, entry.Key) is { Count: > 0 } images)
                {
                    record.Images = [.. images];
                }
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

        if (_model.Get(SiteLogic.Config).LinkCheck == LinkCheck.Off)
        {
            return;
        }

        Parallel.ForEach(rendered, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, item =>
        {
            if (Site.IsHtml(item.Entry.Path))
            {
                _records[item.Entry.Key].Links = [.. _model.Get(SiteLogic.LinksOf, (item.Entry.Key, item.Entry.Path))];
            }
        });
    }

    private readonly HashSet<string> _rendered = new(StringComparer.Ordinal);
}
