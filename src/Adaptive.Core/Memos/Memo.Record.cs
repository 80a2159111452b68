// Record: replacing a memo's recorded dependencies after an execution.
namespace Adaptive.Core;

public abstract partial class Memo
{
    /// <summary>
    /// Makes the reads of the execution in <paramref name="frame"/> this memo's dependencies.
    /// When the reads matched the previous dependencies exactly, nothing changes and no lock is
    /// taken. Otherwise the arrays are rebuilt under the edge lock: kept edges keep their
    /// subscriber slot (with its back-index updated), dropped edges are unlinked, new edges are
    /// appended to their node's subscribers.
    /// </summary>
    internal void RecordDependencies(ExecutionFrame frame)
    {
        if (frame.Unchanged)
        {
            frame.Clear();
            return;
        }

        if (!frame.Diverged)
        {
            frame.Diverge(); // the reads were a strict prefix of the previous dependencies
        }

        lock (_runtime._edgeLock)
        {
            ReplaceDependencies(frame.Buffer, frame.Count, _runtime._edgeScratch);
        }

        frame.Clear();
    }

    internal void ReplaceDependencies(DepEdge[] reads, int count, EdgeScratch scratch)
    {
        DepEdge[] previous = _deps;
        scratch.Begin(previous, count);
        DepEdge[] next = scratch.Edges(count);
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            DepEdge read = reads[i];
            Node node = read.Node;
            if (scratch.IsDuplicate(node, next, length))
            {
                continue;
            }

            int old = scratch.TakePrevious(node, previous);
            if (old >= 0)
            {
                int subIndex = previous[old].SubIndex;
                node._subs[subIndex].DepIndex = length;
                read.SubIndex = subIndex;
            }

            next[length++] = read;
        }

        for (int i = 0; i < previous.Length; i++)
        {
            if (!scratch.WasTaken(i))
            {
                previous[i].Node.RemoveSubscriberAt(previous[i].SubIndex);
            }
        }

        // Reuse the previous array when the count is unchanged (a branch that switches between
        // dependencies allocates nothing); its old entries have all been read by now.
        DepEdge[] result = length == previous.Length ? previous : length == 0 ? s_noDeps : new DepEdge[length];
        Array.Copy(next, result, length);
        _deps = result;
        for (int i = 0; i < length; i++)
        {
            if (result[i].SubIndex < 0)
            {
                result[i].SubIndex = result[i].Node.AddSubscriber(this, i);
            }
        }

        scratch.End(length);
    }

    /// <summary>Unlinks this memo from all its dependencies. Caller holds the edge lock.</summary>
    internal void UnlinkDependencies()
    {
        DepEdge[] deps = _deps;
        for (int i = 0; i < deps.Length; i++)
        {
            deps[i].Node.RemoveSubscriberAt(deps[i].SubIndex);
        }

        _deps = s_noDeps;
    }
}
