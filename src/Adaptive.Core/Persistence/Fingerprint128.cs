using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Adaptive.Core;

/// <summary>
/// A 128-bit content fingerprint: the first 16 bytes of SHA-256 over a value's encoding (or a
/// file's bytes). Identical across processes and machines, so a persisted trace can tell whether
/// a value is the one a dependent saw. (SHA-256 is in the BCL; no non-cryptographic 128-bit hash
/// package is obtainable here.)
/// </summary>
public readonly record struct Fingerprint128(ulong High, ulong Low)
{
    /// <summary>The fingerprint of <paramref name="bytes"/>.</summary>
    public static Fingerprint128 Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return new Fingerprint128(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]));
    }

    /// <summary>The fingerprint of a value's encoding under <paramref name="codec"/>.</summary>
    public static Fingerprint128 Of<T>(T value, IValueCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var writer = new ValueWriter();
        codec.Write(value, writer);
        return Of(writer.WrittenSpan);
    }

    /// <summary>32 hexadecimal digits.</summary>
    public override string ToString() =>
        High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture);
}
