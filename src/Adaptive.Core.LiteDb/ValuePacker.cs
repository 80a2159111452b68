using System.Buffers;
using LiteDB;

namespace Adaptive.Core;

/// <summary>Packs memo values into chunks of about a megabyte (one document each, zlib): a
/// save writes a few large documents instead of one per value, and a read inflates a chunk once.
/// A full chunk is compressed on the thread pool while the save goes on (encoding the graph);
/// <see cref="Flush"/> writes them all, in order, on the saving thread (LiteDB's transaction is
/// the thread's).</summary>
internal sealed class ValuePacker(ILiteCollection<BsonDocument> values, int nextChunk)
{
    private const int ChunkBytes = 1 << 20;

    private readonly List<(int Id, Task<byte[]> Packed)> _pending = [];
    private ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <summary>The id the next chunk gets.</summary>
    public int NextChunk { get; private set; } = nextChunk;

    /// <summary>Bytes of values added (before compression).</summary>
    public long Written { get; private set; }

    /// <summary>Adds a value; returns where it will be.</summary>
    public ValueLocation Add(byte[] value)
    {
        if (_buffer.WrittenCount > 0 && _buffer.WrittenCount + value.Length > ChunkBytes)
        {
            Close();
        }

        var location = new ValueLocation(NextChunk, _buffer.WrittenCount, value.Length);
        _buffer.Write(value);
        Written += value.Length;
        return location;
    }

    /// <summary>Writes every chunk (the one being filled too).</summary>
    public void Flush()
    {
        Close();
        foreach ((int id, Task<byte[]> packed) in _pending)
        {
            values.Upsert(new BsonDocument { ["_id"] = id, ["data"] = packed.GetAwaiter().GetResult() });
        }

        _pending.Clear();
    }

    /// <summary>Ends the chunk being filled: its compression starts (then <see cref="NextChunk"/>
    /// counts every chunk of this packer).</summary>
    public void Close()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        ArrayBufferWriter<byte> full = _buffer;
        _pending.Add((NextChunk, Task.Run(() => Zlib.Deflate(full.WrittenSpan))));
        _buffer = new ArrayBufferWriter<byte>(ChunkBytes);
        NextChunk++;
    }
}
