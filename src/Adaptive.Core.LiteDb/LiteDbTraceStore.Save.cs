// Saving: what changed as a delta image, or a new base once the deltas outgrow a tenth of it;
// values packed into chunks. Callers hold _gate and the save's transaction.
using System.Globalization;
using LiteDB;

namespace Adaptive.Core;

public sealed partial class LiteDbTraceStore
{
    private StoreMeta SaveCore(TraceChanges changes)
    {
        ILiteCollection<BsonDocument> graph = _database!.GetCollection("graph");
        var packer = new ValuePacker(_database.GetCollection("values"), _meta.NextChunk);
        var entries = new List<TraceEntry>(changes.Memos.Count + changes.Inputs.Count);
        foreach ((StoredMemo memo, byte[]? value) in changes.Memos)
        {
            ValueLocation? location = value is null ? null : packer.Add(value);
            _snapshot.Set(memo);
            _valueOf[memo.Key] = location;
            entries.Add(new TraceEntry(memo, null, location));
        }

        foreach (StoredInput input in changes.Inputs)
        {
            _snapshot.Set(input);
            _valueOf[input.Key] = null;
            entries.Add(new TraceEntry(null, input, null));
        }

        foreach (string key in changes.Deleted)
        {
            _snapshot.Remove(key);
            _valueOf[key] = null;
        }

        packer.Close();
        StoreMeta meta = _meta with { NextChunk = packer.NextChunk, ValueBytes = _meta.ValueBytes + packer.Written };
        if (meta.Base is null)
        {
            // The first save: everything there is. The chunks compress while the image is encoded.
            return Compact(graph, meta, entries, changes.Deleted, packer);
        }

        packer.Flush();
        byte[] delta = TraceImage.Encode(entries, changes.Deleted);
        byte[][] packed = Zlib.DeflateSlices(delta);
        if (meta.DeltaBytes + Zlib.Length(packed) > meta.BaseBytes / 10)
        {
            return Compact(graph, meta, null, [], null);
        }

        int id = meta.Deltas.Length == 0 ? 0 : meta.Deltas[^1].Id + 1;
        ImageRecord record = WriteImage(graph, $"d{meta.Base.Id}.{id}", id, delta, packed);
        return meta with { Deltas = [.. meta.Deltas, record] };
    }

    /// <summary>Writes every entry as a new base image, drops the deltas, and repacks the values
    /// when replaced ones take more room than live ones. <paramref name="all"/>: every entry,
    /// when the caller has them (the first save), except <paramref name="deleted"/>, with the
    /// <paramref name="pending"/> chunks of their values still to write.</summary>
    private StoreMeta Compact(ILiteCollection<BsonDocument> graph, StoreMeta meta, List<TraceEntry>? all, List<string> deleted, ValuePacker? pending)
    {
        var entries = new List<TraceEntry>(all?.Count ?? 0);
        long live = 0;
        if (all is not null)
        {
            var gone = new HashSet<string>(deleted, StringComparer.Ordinal);
            foreach (TraceEntry entry in all)
            {
                if (!gone.Contains(entry.Key))
                {
                    live += entry.Value?.Length ?? 0;
                    entries.Add(entry);
                }
            }
        }

        foreach (string key in all is null ? _snapshot.Keys : [])
        {
            if (_snapshot.Memo(key) is { } memo)
            {
                ValueLocation? location = TryLocate(key, out ValueLocation found) ? found : null;
                live += location?.Length ?? 0;
                entries.Add(new TraceEntry(memo, null, location));
            }
            else if (_snapshot.Input(key) is { } input)
            {
                entries.Add(new TraceEntry(null, input, null));
            }
        }

        ILiteCollection<BsonDocument> values = _database!.GetCollection("values");
        if (pending is null && live < meta.ValueBytes / 2)
        {
            // Most stored bytes are replaced values: copy the live ones into fresh chunks.
            var packer = new ValuePacker(values, meta.NextChunk);
            int first = meta.NextChunk;
            for (int i = 0; i < entries.Count; i++)
            {
                if (entries[i].Value is not null)
                {
                    byte[]? bytes = ReadValue(entries[i].Key);
                    entries[i] = entries[i] with { Value = bytes is null ? null : packer.Add(bytes) };
                }
            }

            packer.Flush();
            values.DeleteMany(Query.LT("_id", first));
            _chunks.Clear();
            meta = meta with { NextChunk = packer.NextChunk, ValueBytes = packer.Written };
        }

        int id = (meta.Base?.Id ?? 0) + 1;
        byte[] image = TraceImage.Encode(entries, []);
        byte[][] packed = Zlib.DeflateSlices(image);
        pending?.Flush();
        graph.DeleteAll();
        ImageRecord record = WriteImage(graph, $"b{id}", id, image, packed);
        _valueOf.Clear();
        foreach (TraceEntry entry in entries)
        {
            _valueOf[entry.Key] = entry.Value;
        }

        return meta with { Base = record, Deltas = [] };
    }

    /// <summary>Writes an image as independently compressed slices (<paramref name="parts"/>,
    /// from <see cref="Zlib.DeflateSlices"/>), one document each.</summary>
    private static ImageRecord WriteImage(ILiteCollection<BsonDocument> graph, string name, int id, byte[] image, byte[][] parts)
    {
        long bytes = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            graph.Upsert(new BsonDocument { ["_id"] = name + "." + i.ToString(CultureInfo.InvariantCulture), ["data"] = parts[i] });
            bytes += parts[i].Length;
        }

        return new ImageRecord(id, parts.Length, bytes, Fingerprint128.Of(image).ToString(), image.Length);
    }

    private static void TryRollback(LiteDatabase database)
    {
        try
        {
            database.Rollback();
        }
        catch (Exception ex) when (ex is LiteException or IOException)
        {
            // the transaction is gone with the failure
        }
    }
}
