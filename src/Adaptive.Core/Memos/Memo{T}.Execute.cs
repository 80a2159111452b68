using System.Runtime.ExceptionServices;

namespace Adaptive.Core;

public abstract partial class Memo<T>
{
    /// <summary>
    /// Runs the computation with a fresh execution frame (so reads record dependencies),
    /// replaces the recorded dependencies, and stores the outcome. Early cutoff: a result equal
    /// to the previous value under the comparer keeps the old value and the old
    /// <see cref="Node._changedAt"/>, so dependents that verify against it do not re-execute.
    /// An exception is cached as the outcome and counts as a change.
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
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            context.ExitFrame(frame);
        }

        RecordDependencies(frame);
        RuntimeCounters counters = context.Counters;
        counters.Executions++;
        long revision = _runtime._revision;
        _verifiedAt = revision;
        _cause = cause;

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
                _changedAt = revision;
                return NodeState.SequenceUnit;
            }
        }

        _error = ExceptionDispatchInfo.Capture(error);
        _value = default!;
        _changedAt = revision;
        return NodeState.Failed | NodeState.SequenceUnit;
    }
}
