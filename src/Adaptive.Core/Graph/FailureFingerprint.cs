using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Adaptive.Core;

/// <summary>
/// The fingerprint of a cached exception: derived from its type and message, so a memo that
/// fails, succeeds and fails again the same way holds the fingerprint its readers observed the
/// first time (they do not re-execute). Dependents also compare the failed flag, so a failure's
/// fingerprint is never confused with a value's. Failures are rare: SHA-256 is fast enough.
/// </summary>
internal static class FailureFingerprint
{
    public static ulong Of(Exception error)
    {
        byte[] text = Encoding.UTF8.GetBytes(error.GetType().FullName + "\n" + error.Message);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
