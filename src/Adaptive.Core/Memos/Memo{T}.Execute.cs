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
        ExecutionFrame frame = context.EnterFrame(this);
        T value = default!;
        Exception? error = null;
        try
        {
            value = Compute();
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
            error = ex;
        }

        context.ExitFrame();

        RecordDependencies(frame);
        RuntimeCounters counters = context.Counters;
        counters.Executions++;
        long revision = _runtime._revision;
        if (_cause != cause)
        {
            _cause = cause; // stored only when it differs: every heap reference store costs a write barrier
        }

        if (error is null)
        {
            bool changed = (_state & (NodeState.New | NodeState.Failed)) != 0;
            if (!changed)
            {
                try
                {
                    changed = !ValueEquals(_value, value);
                }
                catch (Exception ex)
                {
                    error = ex;
                }
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
                _fingerprint = ValueFingerprint<T>.Of(value, _runtime);
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

        _error = ExceptionDispatchInfo.Capture(error);
        _value = default!;
        _fingerprint = FailureFingerprint.Of(error);
        _changedAt = revision;
        return NodeState.Failed | NodeState.SequenceUnit;
    }

    /// <summary>Failures are equal when they are the same exception (a dependency's, rethrown)
    /// or of the same type with the same message (see <see cref="FailureFingerprint"/>).</summary>
    private static bool SameFailure(Exception cached, Exception error) =>
        ReferenceEquals(cached, error)
        || (cached.GetType() == error.GetType() && string.Equals(cached.Message, error.Message, StringComparison.Ordinal));
}
