using System.Runtime.CompilerServices;

namespace Adaptive.Core;

/// <summary>
/// The in-memory fingerprint of a node's value: what a dependent remembers about the value it
/// read, so that verification can tell whether the dependency now holds a different value.
/// </summary>
/// <remarks>
/// For primitives and enums under the default comparer the fingerprint is the value's bits:
/// injective, so a value that changes and changes back (A → B → A) is recognised as unchanged by
/// every dependent that read A. For other types, and whenever the user gave a comparer, it is a
/// stamp that is renewed whenever the comparer says the value changed, so a change back is
/// recognised only when the new value equals the current one (backdating). A user's comparer is
/// authoritative: equal bits do not overrule a comparer that says "different" (the TC39 Signals
/// proposal's <c>equals</c> option), so only the default comparer may take the bits shortcut.
/// </remarks>
internal static class ValueFingerprint<T>
{
    /// <summary>True when <see cref="Of"/> is exact (equal fingerprints ⇔ equal bits).</summary>
    public static readonly bool IsExact =
        typeof(T).IsPrimitive || typeof(T).IsEnum;

    /// <summary>The comparer a node keeps: null for the default comparer, so that the fast
    /// paths (and the exact fingerprint) apply whenever equality is the default one.</summary>
    public static IEqualityComparer<T>? Normalize(IEqualityComparer<T>? comparer) =>
        comparer is null || ReferenceEquals(comparer, EqualityComparer<T>.Default) ? null : comparer;

    /// <summary>The fingerprint of a value that the comparer found different from the previous
    /// one. With a user's comparer (<paramref name="comparer"/> not null) always a new stamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(T value, IEqualityComparer<T>? comparer, AdaptiveRuntime runtime)
    {
        if (comparer is not null)
        {
            return runtime.NextStamp();
        }

        // Widen in registers by size (the sizes are JIT-time constants). Writing the value into
        // part of an 8-byte local and reading the whole local back would stall on store
        // forwarding, which showed as the hottest instruction of the runtime.
        if (IsExact && !RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            switch (Unsafe.SizeOf<T>())
            {
                case 1:
                    return Unsafe.As<T, byte>(ref value);
                case 2:
                    return Unsafe.As<T, ushort>(ref value);
                case 4:
                    return Unsafe.As<T, uint>(ref value);
                case 8:
                    return Unsafe.As<T, ulong>(ref value);
            }
        }

        return runtime.NextStamp();
    }
}
