// Execute: running the computation, storing its outcome, early cutoff.
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Adaptive.Core;

public abstract partial class Memo<T>
{
    /// <summary>
    /// Runs the computation with a fresh execution frame (so reads record dependencies),
    /// replaces the recorded dependencies, and stores the outcome. Early cutoff: a result equal
    /// to the previous value under the comparer keeps the old value and the old fingerprint,
    /// so dependents that verify against it do not re-execute.
    /// An exception is cached as the outcome; it counts as a change unless the memo had failed
    /// the same way before.
    /// </summary>
    internal sealed override int Execute(ThreadContext context, Node? cause)
    {
        Debug.Assert((_state & NodeState.Busy) != 0, "a memo executes, and writes its value, only while its thread holds the claim (NodeState.Busy)");
        ExecutionFrame frame = context.EnterFrame(this);
        Exception? error = TryCompute(context, frame, out T value);
        context.ExitFrame();
        if ((_state & NodeState.Eager) != 0 && error is null)
        {
            error = EagerReadsOnlyInputs(frame);
        }

        RecordDependencies(frame);
        if (_persist is not null)
        {
            _runtime.MarkDirty(this);
        }

        RuntimeCounters counters = context.Counters;
        counters.Executions++;
        _runtime.Logged(this);
        long revision = _runtime._revision;
        if (_cause != cause)
        {
            _cause = cause; // stored only when it differs: every heap reference store costs a write barrier
        }

        if (error is null)
        {
            bool changed = (_state & (NodeState.New | NodeState.Failed)) != 0;
            if (!changed && (_state & NodeState.Unloaded) != 0)
            {
                // The old value is still in the store.
                error = TryCompareWithStored(value, out changed);
                if (error is null && !changed)
                {
                    _value = value;
                    counters.Cutoffs++;
                    return 0;
                }
            }
            else if (!changed)
            {
                error = TryCompare(value, out changed);
            }

            if (error is null)
            {
                _error = null;
                if (!changed)
                {
                    counters.Cutoffs++;
                    return 0;
                }

                _value = value;
                _fingerprint = ValueFingerprint<T>.Of(value, _comparer, _runtime);
                _changedAt = revision;
                return NodeState.SequenceUnit;
            }
        }

        if ((_state & NodeState.Failed) != 0 && SameFailure(_error!.SourceException, error))
        {
            // Cutoff for errors: the same failure again keeps the cached exception.
            counters.Cutoffs++;
            return NodeState.Failed;
        }

        _error = CaptureFailure(error);
        _value = default!;
        _fingerprint = FailureFingerprint.Of(error);
        _changedAt = revision;
        return NodeState.Failed | NodeState.SequenceUnit;
    }

    /// <summary>An eager memo is recomputed inside a change, before any demand: it may read only
    /// inputs (whose values are current then), not memos (which may not be up to date yet).</summary>
    private InvalidOperationException? EagerReadsOnlyInputs(ExecutionFrame frame)
    {
        DepEdge[] reads = frame.Buffer;
        for (int i = 0; i < frame.Count; i++)
        {
            if (reads[i].Node is Memo read)
            {
                return new InvalidOperationException($"The eager memo '{Name}' read the memo '{read.Name}': an eager memo may read only inputs (Refs and files).");
            }
        }

        return null;
    }

    /// <summary>Runs the computation; its exception is the result, not thrown. Kept apart so
    /// that the exception handling does not force <see cref="Execute"/>'s locals onto the stack.</summary>
    private Exception? TryCompute(ThreadContext context, ExecutionFrame frame, out T value)
    {
        try
        {
            value = Compute();
            return null;
        }
        catch (InsufficientExecutionStackException)
        {
            // Not a property of the computation: propagate without caching.
            context.ExitFrame();
            frame.Clear();
            throw;
        }
        catch (Exception ex)
        {
            value = default!;
            return ex;
        }
    }

    /// <summary>Compares with the cached value; a throwing comparer fails the memo.</summary>
    private Exception? TryCompare(T value, out bool changed)
    {
        try
        {
            changed = !ValueEquals(_value, value);
            return null;
        }
        catch (Exception ex)
        {
            changed = true;
            return ex;
        }
    }

    /// <summary>Compares with the adopted value that is still in the store: by content
    /// fingerprint under the default comparer; a user's comparer decides on the stored value
    /// itself (a value the trace does not keep counts as changed). A throwing comparer fails the memo.</summary>
    private Exception? TryCompareWithStored(T value, out bool changed)
    {
        changed = true;
        if (_persist is not PersistentState<T> persist || !persist.TryGetRemembered(this, out Fingerprint128 stored))
        {
            return null;
        }

        if (_comparer is null)
        {
            changed = Fingerprint128.Of(value, persist.Codec) != stored;
            return null;
        }

        if (!TryReadStored(persist, out T old))
        {
            return null;
        }

        try
        {
            changed = !_comparer.Equals(old, value);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Captures the exception to cache. When it is a dependency's cached exception that
    /// the computation let through, the dependency's capture is shared: a failure travelling up
    /// a chain of memos keeps the stack trace of where it was thrown instead of growing it at
    /// every level (a chain of 100,000 memos would otherwise hold 100,000 ever longer traces).</summary>
    private ExceptionDispatchInfo CaptureFailure(Exception error)
    {
        DepEdge[] deps = _deps;
        for (int i = deps.Length - 1; i >= 0; i--)
        {
            if (deps[i].ObservedFailed && deps[i].Node is Memo { _error: { } cached } && ReferenceEquals(cached.SourceException, error))
            {
                return cached;
            }
        }

        return ExceptionDispatchInfo.Capture(error);
    }

    /// <summary>Failures are equal when they are the same exception (a dependency's, rethrown)
    /// or of the same type with the same message (see <see cref="FailureFingerprint"/>).</summary>
    private static bool SameFailure(Exception cached, Exception error) =>
        ReferenceEquals(cached, error)
        || (cached.GetType() == error.GetType() && string.Equals(cached.Message, error.Message, StringComparison.Ordinal));
}
