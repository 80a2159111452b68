using System.Collections.Concurrent;

namespace Adaptive.Core.Plumbing;

/// <summary>
/// The code fingerprints of every generated memo member this process has loaded. Marking a
/// stored memo green without creating it (<see cref="AdaptiveRuntime"/>'s walk of the stored
/// graph) needs to know that its code did not change: a stored code fingerprint that no loaded
/// member has is old code, and that memo is not green. A fingerprint hashes the member's whole
/// declaration, its name included, so two members share one only when they are the same code.
/// </summary>
internal static class CodeRegistry
{
    private static readonly ConcurrentDictionary<ulong, byte> s_codes = new() { [0] = 0 }; // 0: memos made with a lambda, whose code is unknown (as when they are demanded)

    /// <summary>Records a member's code fingerprint; returns it.</summary>
    public static ulong Add(ulong codeFingerprint)
    {
        s_codes.TryAdd(codeFingerprint, 0);
        return codeFingerprint;
    }

    /// <summary>True when a loaded member has <paramref name="codeFingerprint"/>.</summary>
    public static bool IsLoaded(ulong codeFingerprint) => s_codes.ContainsKey(codeFingerprint);
}
