using System.Buffers.Binary;
using System.Text;

namespace Adaptive.Core;

/// <summary>Reads what <see cref="ValueWriter"/> wrote. Malformed input throws
/// <see cref="FormatException"/>, which the trace treats as a corrupted entry.</summary>
public ref struct ValueReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    /// <summary>True when everything was read.</summary>
    public readonly bool AtEnd => _rest.IsEmpty;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a LEB128 length.</summary>
    public int ReadLength()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value <= int.MaxValue ? (int)value : throw Malformed("length out of range");
            }
        }

        throw Malformed("length too long");
    }

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads bytes written with their length.</summary>
    public byte[] ReadBytes() => Take(ReadLength()).ToArray();

    /// <summary>Reads a string (or null).</summary>
    public string? ReadString()
    {
        byte marker = ReadByte();
        if (marker == 0)
        {
            return null;
        }

        if (marker != 1)
        {
            throw Malformed("bad string marker");
        }

        ReadOnlySpan<byte> utf8 = Take(ReadLength());
        return Encoding.UTF8.GetString(utf8);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _rest.Length)
        {
            throw Malformed("truncated value");
        }

        ReadOnlySpan<byte> taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }

    private static FormatException Malformed(string what) => new("Malformed encoded value: " + what + ".");
}
