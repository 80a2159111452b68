// Batches: several writes held back and published as one change (one revision, one
// propagation), or dropped when the batch throws. Marking is in AdaptiveRuntime.Dirty.cs.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private readonly List<Node> _staged = [];
    private int _batchDepth;

    /// <summary>
    /// Applies several changes as one: every write inside <paramref name="changes"/> is held
    /// back and published when it returns, with one revision and one propagation. Until then,
    /// reads (also inside the batch) see the values from before it. When
    /// <paramref name="changes"/> throws, its writes are dropped. Batches nest; the outermost
    /// one publishes.
    /// </summary>
    /// <param name="changes">Sets <see cref="Ref{T}.Value"/> of some cells.</param>
    public void Batch(Action changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThreadContext? context = ThreadContext.t_current;
        if (context is not null && (context.Frame is not null || context.ClaimCount > 0))
        {
            throw new InvalidOperationException("Cannot start a batch while a memo is being computed. Memos must not write Refs.");
        }

        lock (_writeLock)
        {
            _batchDepth++;
            bool completed = false;
            try
            {
                changes();
                completed = true;
            }
            finally
            {
                if (--_batchDepth == 0)
                {
                    if (completed)
                    {
                        CommitBatch();
                    }
                    else
                    {
                        DiscardBatch();
                    }
                }
            }
        }
    }

    private void CommitBatch()
    {
        if (_staged.Count == 0)
        {
            return;
        }

        EnterExclusive();
        try
        {
            long revision = _revision + 1;
            bool changed = false;
            foreach (Node cell in _staged)
            {
                if (cell.CommitStaged(revision))
                {
                    changed = true;
                    MarkDependents(cell);
                }
            }

            if (changed)
            {
                _revision = revision;
                _propagations++;
                SettleEager();
            }
        }
        finally
        {
            ExitExclusive();
            _staged.Clear();
        }
    }

    private void DiscardBatch()
    {
        foreach (Node cell in _staged)
        {
            cell.DiscardStaged();
        }

        _staged.Clear();
    }
}
