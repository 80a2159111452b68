using System.Text;

namespace Adaptive.Core;

/// <summary>
/// The fingerprint of a cached exception: derived from its type and message, so a memo that
/// fails, succeeds and fails again the same way holds the fingerprint its readers observed the
/// first time (they do not re-execute). Dependents also compare the failed flag, so a failure's
/// fingerprint is never confused with a value's. (Half of the content <see cref="Fingerprint128"/> of that text.)
/// </summary>
internal static class FailureFingerprint
{
    public static ulong Of(Exception error) =>
        Fingerprint128.Of(Encoding.UTF8.GetBytes(error.GetType().FullName + "\n" + error.Message)).Low;
}
