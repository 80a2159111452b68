using System.Runtime.Intrinsics.X86;

namespace Adaptive.Core;

/// <summary>
/// A derived value: the cached result of a computation whose dependencies are recorded while
/// it runs. Reading <see cref="Value"/> brings the memo up to date (executing it only when a
/// dependency's value changed) and, inside another memo's execution, records a dependency.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract partial class Memo<T> : Memo
{
    internal T _value = default!;
    private readonly IEqualityComparer<T>? _comparer;

    private protected Memo(AdaptiveRuntime runtime, string? name, IEqualityComparer<T>? comparer)
        : base(runtime, name)
    {
        _comparer = ValueFingerprint<T>.Normalize(comparer);
    }

    /// <summary>
    /// The up-to-date value. Inside a memo's execution this records a dependency. Rethrows the
    /// cached exception when the last execution threw; throws <see cref="CycleException"/> when
    /// the memo is demanded while it is already being computed on the same demand path.
    /// </summary>
    public T Value
    {
        get
        {
            ThreadContext? context = ThreadContext.t_current;
            if (context is not null)
            {
                ExecutionFrame? frame = context.Frame;
                if (frame is null)
                {
                    // Untracked read of an up-to-date memo: lock-free, allocation-free. The
                    // state is read before and after the value; a change in between (the value
                    // sequence moves whenever the value is overwritten) means a racing update.
                    int state = Volatile.Read(ref _state);
                    if ((state & NodeState.SlowMask) == 0 && context.CountersRuntime == _runtime)
                    {
                        T value = _value;
                        if (!X86Base.IsSupported)
                        {
                            Interlocked.MemoryBarrier();
                        }

                        if (Volatile.Read(ref _state) == state)
                        {
                            context.Counters.CacheHits++;
                            return value;
                        }
                    }
                }
                else if (frame.Runtime == _runtime && (Volatile.Read(ref _state) & NodeState.SlowMask) == 0)
                {
                    // Tracked read of an up-to-date memo: inside a demand no one can change it.
                    frame.Record(this, _fingerprint, failed: false);
                    context.Counters.CacheHits++;
                    return _value;
                }
            }

            return ReadSlow();
        }
    }

    /// <summary>Compares two values with the memo's comparer (default equality when none).</summary>
    internal bool ValueEquals(T left, T right) =>
        _comparer is null ? EqualityComparer<T>.Default.Equals(left, right) : _comparer.Equals(left, right);

    /// <summary>The user's computation.</summary>
    private protected abstract T Compute();

    private T ReadSlow()
    {
        ThreadContext context = ThreadContext.Current;
        ExecutionFrame? frame = context.Frame;
        if (frame is not null)
        {
            // Tracked read that needs work (or comes from another runtime).
            if (frame.Runtime != _runtime)
            {
                ThrowHelper.ThrowCrossRuntimeRead(this, frame.Owner);
            }

            try
            {
                Update(context);
            }
            finally
            {
                // Recorded even when the demand fails, so that a change can repair the reader.
                frame.Record(this, _fingerprint, (Volatile.Read(ref _state) & NodeState.Failed) != 0);
            }
        }
        else if (context.ClaimCount > 0)
        {
            // Read from inside a verification (a comparer, say) on this thread: already inside
            // the demand gate.
            if (context.CountersRuntime != _runtime)
            {
                ThrowHelper.ThrowCrossRuntimeRead(this, context.Claims[0].Memo!);
            }

            Update(context);
        }
        else
        {
            _runtime.EnterDemand(context);
            try
            {
                if ((Volatile.Read(ref _state) & NodeState.NeedsUpdate) == 0)
                {
                    context.Counters.CacheHits++;
                }

                Update(context);
            }
            finally
            {
                _runtime.ExitDemand();
            }
        }

        int state = Volatile.Read(ref _state);
        if ((state & NodeState.Unloaded) != 0)
        {
            EnsureLoaded(context);
            state = Volatile.Read(ref _state);
        }

        if ((state & NodeState.Failed) != 0)
        {
            _error!.Throw();
        }

        return _value;
    }

    internal override void ReleaseCore()
    {
        base.ReleaseCore();
        _value = default!;
    }
}
