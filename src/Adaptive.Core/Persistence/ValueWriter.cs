using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Adaptive.Core;

/// <summary>Appends encoded values to a growing buffer: little-endian fixed-size numbers,
/// LEB128 lengths, UTF-8 strings.</summary>
public sealed class ValueWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    /// <summary>Writes a non-negative length or count as LEB128.</summary>
    public void WriteLength(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        uint remaining = (uint)value;
        while (remaining >= 0x80)
        {
            WriteByte((byte)(remaining | 0x80));
            remaining >>= 7;
        }

        WriteByte((byte)remaining);
    }

    /// <summary>Writes a 32-bit integer.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>Writes a 64-bit integer.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Writes a double (its IEEE bits).</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes bytes with their length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLength(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>Writes a string as UTF-8 with its byte length; null is written as length 0 with a
    /// marker byte.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        WriteByte(1);
        int count = Encoding.UTF8.GetByteCount(value);
        WriteLength(count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
    }

    /// <summary>A copy of the bytes written.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
