using System.Runtime.CompilerServices;

namespace Adaptive.Core;

/// <summary>
/// The in-memory fingerprint of a node's value: what a dependent remembers about the value it
/// read, so that verification can tell whether the dependency now holds a different value.
/// </summary>
/// <remarks>
/// For primitives and enums the fingerprint is the value's bits: injective, so a value that
/// changes and changes back (A → B → A) is recognised as unchanged by every dependent that read
/// A. For other types it is a stamp that is renewed whenever the comparer says the value changed,
/// so a change back is recognised only when the new value equals the current one (backdating).
/// </remarks>
internal static class ValueFingerprint<T>
{
    /// <summary>True when <see cref="Of"/> is exact (equal fingerprints ⇔ equal bits).</summary>
    public static readonly bool IsExact =
        typeof(T).IsPrimitive || typeof(T).IsEnum;

    /// <summary>The fingerprint of a value that the comparer found different from the previous one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(T value, AdaptiveRuntime runtime)
    {
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
