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
}
