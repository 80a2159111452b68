// Loading: the base image and its deltas into one snapshot, and values located (written since the
// base first, then the base) and read a chunk at a time. Callers hold _gate.
using System.Globalization;
using LiteDB;

namespace Adaptive.Core;

public sealed partial class LiteDbTraceStore
{
    private TraceSnapshot LoadCore()
    {
        _valueOf.Clear();
        _chunks.Clear();
        if (_meta.Base is null)
        {
            return new TraceSnapshot();
        }

        ILiteCollection<BsonDocument> graph = _database!.GetCollection("graph");
        var snapshot = new TraceSnapshot(TraceImage.Decode(ReadImage(graph, $"b{_meta.Base.Id}", _meta.Base)));
        foreach (ImageRecord delta in _meta.Deltas)
        {
            TraceImage image = TraceImage.Decode(ReadImage(graph, $"d{_meta.Base.Id}.{delta.Id}", delta));
            for (int i = 0; i < image.Count; i++)
            {
                switch (image.KindAt(i))
                {
                    case TraceImage.MemoKind:
                        snapshot.Set(image.MemoAt(i));
                        _valueOf[image.KeyAt(i)] = image.ValueAt(i);
                        break;
                    case TraceImage.InputKind:
                        snapshot.Set(image.InputAt(i));
                        _valueOf[image.KeyAt(i)] = null;
                        break;
                }
            }

            foreach (string key in image.Deleted)
            {
                snapshot.Remove(key);
                _valueOf[key] = null;
            }
        }

        return snapshot;
    }

    private bool TryLocate(string key, out ValueLocation location)
    {
        location = default;
        ValueLocation? found = _valueOf.TryGetValue(key, out ValueLocation? written) ? written
            : _snapshot.TryGetBaseValue(key, out ValueLocation? stored) ? stored
            : null;
        if (found is { } value)
        {
            location = value;
            return true;
        }

        return false;
    }

    private byte[]? ReadChunk(int chunk)
    {
        try
        {
            return _database!.GetCollection("values").FindById(chunk)?["data"] is { IsBinary: true } data ? Zlib.Inflate(data.AsBinary) : null;
        }
        catch (Exception ex) when (ex is LiteException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static byte[] ReadImage(ILiteCollection<BsonDocument> graph, string name, ImageRecord record)
    {
        var parts = new byte[record.Parts][];
        for (int i = 0; i < parts.Length; i++)
        {
            if (graph.FindById(name + "." + i.ToString(CultureInfo.InvariantCulture))?["data"] is not { IsBinary: true } data)
            {
                throw new FormatException($"part {i} of '{name}' is missing");
            }

            parts[i] = data.AsBinary;
        }

        byte[] image = Zlib.InflateSlices(parts, record.Raw);
        return Fingerprint128.Of(image).ToString() == record.Hash ? image : throw new FormatException($"'{name}' does not match its checksum");
    }
}
