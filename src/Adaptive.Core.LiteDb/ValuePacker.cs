using System.Buffers;
using LiteDB;

namespace Adaptive.Core;

/// <summary>Packs memo values into chunks of about a megabyte (one document each, zlib): a
/// save writes a few large documents instead of one per value, and a read inflates a chunk once.</summary>
internal sealed class ValuePacker(ILiteCollection<BsonDocument> values, int nextChunk)
{
    private const int ChunkBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <summary>The id the next chunk gets.</summary>
    public int NextChunk { get; private set; } = nextChunk;

    /// <summary>Compressed bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Adds a value; returns where it will be.</summary>
    public ValueLocation Add(byte[] value)
    {
        if (_buffer.WrittenCount > 0 && _buffer.WrittenCount + value.Length > ChunkBytes)
        {
            Flush();
        }

        var location = new ValueLocation(NextChunk, _buffer.WrittenCount, value.Length);
        _buffer.Write(value);
        return location;
    }

    /// <summary>Writes the chunk being filled.</summary>
    public void Flush()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        byte[] packed = Zlib.Deflate(_buffer.WrittenSpan);
        values.Upsert(new BsonDocument { ["_id"] = NextChunk, ["data"] = packed });
        Written += packed.Length;
        NextChunk++;
        _buffer.ResetWrittenCount();
    }
}
