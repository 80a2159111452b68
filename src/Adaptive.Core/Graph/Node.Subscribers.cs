namespace Adaptive.Core;

public abstract partial class Node
{
    /// <summary>Appends <paramref name="sub"/>, whose dependency array holds this node at
    /// <paramref name="depIndex"/>; returns the subscriber index. Caller holds the edge lock.</summary>
    internal int AddSubscriber(Memo sub, int depIndex)
    {
        int index = _subCount;
        if (index == _subs.Length)
        {
            Array.Resize(ref _subs, index == 0 ? 2 : index * 2);
        }

        _subs[index] = new SubEdge(sub, depIndex);
        _subCount = index + 1;
        return index;
    }

    /// <summary>Removes the subscriber at <paramref name="index"/> by moving the last one into
    /// its place and fixing that edge's back-index. Caller holds the edge lock.</summary>
    internal void RemoveSubscriberAt(int index)
    {
        _runtime.StructureChanged(); // a stored entry may have become unreachable
        int last = _subCount - 1;
        if (index != last)
        {
            SubEdge moved = _subs[last];
            _subs[index] = moved;
            moved.Sub._deps[moved.DepIndex].SubIndex = index;
        }

        _subs[last] = default;
        _subCount = last;

        // Small arrays are kept when they empty (a dependent that comes and goes, as in a
        // switching branch, must not allocate); large ones shrink as they empty.
        if (_subs.Length > 8 && last < _subs.Length / 4)
        {
            Array.Resize(ref _subs, _subs.Length / 2);
        }
    }
}
