using LiteDB;

namespace Adaptive.Core;

/// <summary>One stored graph image: its id, how many documents (compressed slices) it spans,
/// its compressed size, the fingerprint of its bytes (checked before it is decoded) and its size.</summary>
internal sealed record ImageRecord(int Id, int Parts, long Bytes, string Hash, long Raw)
{
    public BsonDocument ToDocument() => new() { ["id"] = Id, ["parts"] = Parts, ["bytes"] = Bytes, ["hash"] = Hash, ["raw"] = Raw };

    /// <exception cref="InvalidCastException">A field is missing or of the wrong type.</exception>
    public static ImageRecord FromDocument(BsonDocument document) =>
        new(document["id"].AsInt32, document["parts"].AsInt32, document["bytes"].AsInt64, document["hash"].AsString, document["raw"].AsInt64);
}

/// <summary>The store's meta document: the base image, the deltas on top of it in order, the
/// bytes of values in the value chunks (before compression, replaced ones included), and the
/// next chunk id.</summary>
internal sealed record StoreMeta(ImageRecord? Base, ImageRecord[] Deltas, long ValueBytes, int NextChunk)
{
    public static StoreMeta Empty { get; } = new(null, [], 0, 0);

    public long BaseBytes => Base?.Bytes ?? 0;

    public long DeltaBytes
    {
        get
        {
            long total = 0;
            foreach (ImageRecord delta in Deltas)
            {
                total += delta.Bytes;
            }

            return total;
        }
    }

    public BsonDocument ToDocument(string engine)
    {
        var deltas = new BsonArray();
        foreach (ImageRecord delta in Deltas)
        {
            deltas.Add(delta.ToDocument());
        }

        return new BsonDocument
        {
            ["_id"] = "meta",
            ["format"] = LiteDbTraceStore.FormatVersion,
            ["engine"] = engine,
            ["base"] = Base is null ? BsonValue.Null : Base.ToDocument(),
            ["deltas"] = deltas,
            ["values"] = ValueBytes,
            ["nextChunk"] = NextChunk,
        };
    }

    /// <exception cref="InvalidCastException">A field is missing or of the wrong type.</exception>
    public static StoreMeta FromDocument(BsonDocument document)
    {
        var deltas = new List<ImageRecord>();
        foreach (BsonValue delta in document["deltas"].AsArray)
        {
            deltas.Add(ImageRecord.FromDocument(delta.AsDocument));
        }

        ImageRecord? image = document["base"].IsDocument ? ImageRecord.FromDocument(document["base"].AsDocument) : null;
        return new StoreMeta(image, [.. deltas], document["values"].AsInt64, document["nextChunk"].AsInt32);
    }
}
