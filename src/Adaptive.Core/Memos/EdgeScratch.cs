namespace Adaptive.Core;

/// <summary>
/// Working memory for replacing a memo's dependency array, owned by the runtime's edge lock.
/// Small lists are matched by linear scan; large ones through reusable hash tables, so a memo
/// that reads thousands of nodes is rebuilt in linear time.
/// </summary>
internal sealed class EdgeScratch
{
    private const int LinearLimit = 8;

    private readonly Dictionary<Node, int> _previousIndex = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _seen = new(ReferenceEqualityComparer.Instance);
    private bool[] _taken = new bool[16];
    private DepEdge[] _edges = new DepEdge[16];
    private int _previousLength;
    private bool _hashedPrevious;
    private bool _hashedReads;

    internal void Begin(DepEdge[] previous, int readCount)
    {
        _previousLength = previous.Length;
        if (_taken.Length < previous.Length)
        {
            _taken = new bool[Math.Max(previous.Length, _taken.Length * 2)];
        }

        _hashedPrevious = previous.Length > LinearLimit;
        if (_hashedPrevious)
        {
            for (int i = 0; i < previous.Length; i++)
            {
                _previousIndex[previous[i].Node] = i;
            }
        }

        _hashedReads = readCount > LinearLimit;
    }

    internal bool IsDuplicate(Node node, DepEdge[] next, int length)
    {
        if (_hashedReads)
        {
            return !_seen.Add(node);
        }

        for (int i = 0; i < length; i++)
        {
            if (next[i].Node == node)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of <paramref name="node"/> in the previous dependencies, marked as
    /// kept; -1 when it is new.</summary>
    internal int TakePrevious(Node node, DepEdge[] previous)
    {
        int index = -1;
        if (_hashedPrevious)
        {
            if (!_previousIndex.TryGetValue(node, out index))
            {
                return -1;
            }
        }
        else
        {
            for (int i = 0; i < previous.Length; i++)
            {
                if (previous[i].Node == node)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                return -1;
            }
        }

        _taken[index] = true;
        return index;
    }

    internal bool WasTaken(int index) => _taken[index];

    /// <summary>A buffer for the new dependency list, at least <paramref name="count"/> long.</summary>
    internal DepEdge[] Edges(int count)
    {
        if (_edges.Length < count)
        {
            _edges = new DepEdge[Math.Max(count, _edges.Length * 2)];
        }

        return _edges;
    }

    internal void End(int edgeCount)
    {
        Array.Clear(_edges, 0, edgeCount);
        Array.Clear(_taken, 0, _previousLength);
        if (_hashedPrevious)
        {
            _previousIndex.Clear();
        }

        if (_hashedReads)
        {
            _seen.Clear();
        }
    }
}
