namespace Adaptive.Core;

/// <summary>
/// The dependency recorder of one running execution. Reads are compared, in order, with the
/// memo's previous dependency array (which stays the memo's until the execution ends); while they match, only the observed fingerprint is updated
/// in place and nothing is allocated (the usual case when an input's value changes but the
/// computation's path does not). On the first mismatch the frame copies the matched prefix into
/// its buffer and records from there on. Frames are pooled per thread and per nesting depth;
/// they keep few references, because every reference stored into the heap costs a GC write
/// barrier on the hottest path of the runtime.
/// </summary>
internal sealed class ExecutionFrame
{
    private int _cursor;
    private DepEdge[] _buffer = new DepEdge[8];

    internal Memo Owner = null!;

    /// <summary>True once the reads departed from the previous dependency list.</summary>
    internal bool Diverged;

    /// <summary>The number of recorded dependencies in <see cref="Buffer"/> (when diverged).</summary>
    internal int Count;

    internal DepEdge[] Buffer => _buffer;

    internal AdaptiveRuntime Runtime => Owner._runtime;

    /// <summary>True when the reads were exactly the previous dependencies.</summary>
    internal bool Unchanged => !Diverged && _cursor == Owner._deps.Length;

    internal void Start(Memo owner)
    {
        Owner = owner;
        _cursor = 0;
        Diverged = false;
        Count = 0;
    }

    /// <summary>Records a read of <paramref name="node"/>, which held the value with
    /// <paramref name="fingerprint"/> (or a cached exception when <paramref name="failed"/>).
    /// Repeated reads of the node just read are dropped here; other repeats are dropped when the
    /// dependencies are replaced.</summary>
    internal void Record(Node node, ulong fingerprint, bool failed)
    {
        if (!Diverged)
        {
            int cursor = _cursor;
            DepEdge[] previous = Owner._deps;
            if ((uint)cursor < (uint)previous.Length && previous[cursor].Node == node)
            {
                // The array belongs to the executing memo; other threads only touch SubIndex.
                ref DepEdge edge = ref previous[cursor];
                edge.Observed = fingerprint;
                edge.ObservedFailed = failed;
                _cursor = cursor + 1;
                return;
            }

            if (cursor > 0 && previous[cursor - 1].Node == node)
            {
                return;
            }

            Diverge();
        }

        int count = Count;
        if (count > 0 && _buffer[count - 1].Node == node)
        {
            return;
        }

        if (count == _buffer.Length)
        {
            Array.Resize(ref _buffer, count * 2);
        }

        _buffer[count] = new DepEdge(node, fingerprint, failed);
        Count = count + 1;
    }

    /// <summary>Switches to recording in the buffer, starting with the matched prefix.</summary>
    internal void Diverge()
    {
        int cursor = _cursor;
        if (_buffer.Length < cursor + 1)
        {
            _buffer = new DepEdge[Math.Max(cursor + 1, _buffer.Length * 2)];
        }

        for (int i = 0; i < cursor; i++)
        {
            DepEdge edge = Owner._deps[i];
            _buffer[i] = new DepEdge(edge.Node, edge.Observed, edge.ObservedFailed);
        }

        Count = cursor;
        Diverged = true;
    }

    /// <summary>Drops references held by the frame so pooled frames keep nothing alive.</summary>
    internal void Clear()
    {
        if (Diverged)
        {
            Array.Clear(_buffer, 0, Count);
        }

        Owner = null!;
    }
}
