using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace Adaptive.Core;

/// <summary>
/// An input cell. Reading <see cref="Value"/> inside a memo's execution records a dependency;
/// setting it marks every memo that (transitively) read it as possibly stale. Setting a value
/// equal to the current one under the comparer does nothing.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class Ref<T> : Node
{
    private readonly IEqualityComparer<T>? _comparer;
    private T _value;
    private T _staged = default!;

    internal Ref(AdaptiveRuntime runtime, T value, string? name, IEqualityComparer<T>? comparer)
        : base(runtime, name, 0)
    {
        _value = value;
        _comparer = ValueFingerprint<T>.Normalize(comparer);
        _changedAt = runtime._revision;
        _fingerprint = ValueFingerprint<T>.Of(value, _comparer, runtime);
    }

    /// <summary>
    /// The current value. Setting it propagates the change at once, or at the end of the
    /// enclosing <see cref="AdaptiveRuntime.Batch"/>; inside a batch, reads see the value from
    /// before the batch until it ends. Setting it while a memo is executing throws.
    /// </summary>
    public T Value
    {
        get => RecordInputRead() ? _value : ReadUntracked();

        set => _runtime.Write(this, value);
    }

    private protected override string DefaultName => "ref#" + _id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The committed value, read by the writer side (no tracking, no seqlock).</summary>
    internal T CurrentValue => _value;

    private T ReadUntracked()
    {
        // A seqlock against a concurrent writer (see Publish).
        var spin = default(SpinWait);
        while (true)
        {
            int state = Volatile.Read(ref _state);
            T value = _value;
            if (!X86Base.IsSupported)
            {
                Interlocked.MemoryBarrier();
            }

            if ((state & NodeState.Busy) == 0 && Volatile.Read(ref _state) == state)
            {
                return value;
            }

            spin.SpinOnce();
        }
    }

    /// <summary>True when <paramref name="value"/> equals the current value under the comparer.
    /// Caller holds the write lock (only writers change the value).</summary>
    internal bool HasValue(T value) =>
        _comparer is null ? EqualityComparer<T>.Default.Equals(_value, value) : _comparer.Equals(_value, value);

    /// <summary>Replaces the value if it differs; true when it did. Caller holds the runtime
    /// exclusively.</summary>
    internal bool TryPublish(T value, long revision)
    {
        if (HasValue(value))
        {
            return false;
        }

        int state = _state;
        Volatile.Write(ref _state, state | NodeState.Busy);
        Interlocked.MemoryBarrier();
        _value = value;
        _fingerprint = ValueFingerprint<T>.Of(value, _comparer, _runtime);
        Volatile.Write(ref _state, unchecked((state & ~NodeState.Busy) + NodeState.SequenceUnit));
        _changedAt = revision;
        if (_persist is not null)
        {
            _runtime.MarkDirty(this);
        }
        return true;
    }

    /// <summary>Holds <paramref name="value"/> until the batch ends; true when first staged.</summary>
    internal bool Stage(T value)
    {
        _staged = value;
        if ((_state & NodeState.Staged) != 0)
        {
            return false;
        }

        _state |= NodeState.Staged;
        return true;
    }

    internal override bool CommitStaged(long revision)
    {
        T value = _staged;
        _staged = default!;
        _state &= ~NodeState.Staged;
        return TryPublish(value, revision);
    }

    internal override void DiscardStaged()
    {
        _staged = default!;
        _state &= ~NodeState.Staged;
    }
}
