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

    private void ReplaceDependencies(DepEdge[] reads, int count, EdgeScratch scratch)
    {
        DepEdge[] previous = _deps;
        scratch.Begin(previous, count);
        var next = count == 0 ? s_noDeps : new DepEdge[count];
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

        if (length != next.Length)
        {
            Array.Resize(ref next, length);
        }

        _deps = next;
        for (int i = 0; i < length; i++)
        {
            if (next[i].SubIndex < 0)
            {
                next[i].SubIndex = next[i].Node.AddSubscriber(this, i);
            }
        }

        scratch.End();
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
