// The phased build's cache: what each output read, with hashes of the values as they are now.
using System.Text.Json;

namespace Adaptive.Site.Phased;

internal sealed partial class PhasedRun
{

    private int SaveCache(ValueList<OutputEntry> entries, string options)
    {
        var cache = new PhasedCache
        {
            Engine = PhasedCache.CurrentEngine,
            Options = options,
            SavedAt = DateTime.UtcNow.Ticks,
            Now = _options.Now?.UtcTicks ?? long.MaxValue,
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
                cache.Metas[source] = JsonSerializer.Serialize(_model.Get(SiteLogic.Meta, source), SiteJson.Options);
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
            cache.Save(_cachePath);
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
        kind is PhasedModel.BytesKind or PhasedModel.TextKind
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
