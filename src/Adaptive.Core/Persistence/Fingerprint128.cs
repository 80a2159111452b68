using System.Globalization;
using System.IO.Hashing;

namespace Adaptive.Core;

/// <summary>
/// A 128-bit content fingerprint: XXH128 (<see cref="XxHash128"/>) of a value's encoding or a
/// file's bytes. Identical across processes and machines, so a persisted trace can tell whether
/// a value is the one a dependent saw; the one fingerprint of the runtime, the site and the
/// phased baseline's cache.
/// </summary>
public readonly record struct Fingerprint128(ulong High, ulong Low)
{
    /// <summary>The fingerprint of <paramref name="bytes"/>.</summary>
    public static Fingerprint128 Of(ReadOnlySpan<byte> bytes)
    {
        UInt128 hash = XxHash128.HashToUInt128(bytes);
        return new Fingerprint128((ulong)(hash >> 64), (ulong)hash);
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
