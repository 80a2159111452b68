using System.IO.Compression;

namespace Adaptive.Core;

/// <summary>zlib at its fastest level: the trace's images and value chunks are text-like and
/// shrink three to five times, for less time than writing the bytes saved.</summary>
internal static class Zlib
{
    public static byte[] Deflate(ReadOnlySpan<byte> bytes)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return output.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not zlib.</exception>
    public static byte[] Inflate(byte[] bytes)
    {
        using var zlib = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var output = new MemoryStream(bytes.Length * 4);
        zlib.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Slices of an image, each at most 4 MB before compression and one document after.</summary>
    private const int SliceBytes = 4 << 20;

    /// <summary>Compresses <paramref name="bytes"/> in independent slices, on all cores.</summary>
    public static byte[][] DeflateSlices(byte[] bytes)
    {
        var parts = new byte[Math.Max(1, (bytes.Length + SliceBytes - 1) / SliceBytes)][];
        Parallel.For(0, parts.Length, i =>
        {
            int start = i * SliceBytes;
            parts[i] = Deflate(bytes.AsSpan(start, Math.Min(SliceBytes, bytes.Length - start)));
        });
        return parts;
    }

    /// <summary>The compressed size of <paramref name="parts"/>.</summary>
    public static long Length(byte[][] parts)
    {
        long length = 0;
        foreach (byte[] part in parts)
        {
            length += part.Length;
        }

        return length;
    }

    /// <summary>Inflates slices written by <see cref="DeflateSlices"/> into one array of
    /// <paramref name="length"/> bytes, on all cores.</summary>
    /// <exception cref="InvalidDataException">A slice is not zlib, or the sizes do not add up.</exception>
    public static byte[] InflateSlices(byte[][] parts, long length)
    {
        if (length < 0 || length > Array.MaxLength || parts.Length != Math.Max(1, (length + SliceBytes - 1) / SliceBytes))
        {
            throw new InvalidDataException("the image's slices do not match its size");
        }

        var bytes = new byte[length];
        Parallel.For(0, parts.Length, i =>
        {
            int start = i * SliceBytes;
            int expected = (int)Math.Min(SliceBytes, length - start);
            using var zlib = new ZLibStream(new MemoryStream(parts[i]), CompressionMode.Decompress);
            Span<byte> slice = bytes.AsSpan(start, expected);
            zlib.ReadExactly(slice);
            if (zlib.ReadByte() != -1)
            {
                throw new InvalidDataException("an image slice is longer than its size");
            }
        });
        return bytes;
    }
}
