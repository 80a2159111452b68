namespace Adaptive.Core;

/// <summary>
/// Watches a set of output memos and tells, after changes, which of them have a new value —
/// what a watch loop needs to know which files to rewrite. Changes queue the observed memos
/// they mark (O(affected), not O(observed)); <see cref="Stabilize(int)"/> brings those up to date
/// and returns the ones whose value changed since the previous call.
/// </summary>
/// <remarks>Create with <see cref="AdaptiveRuntime.CreateObserver"/>. Observed memos are the
/// roots kept by <see cref="AdaptiveRuntime.ReleaseUnobserved"/>.</remarks>
public sealed class Observer : IDisposable
{
    private readonly AdaptiveRuntime _runtime;

    /// <summary>Observed memo → what was last reported of it (null: never reported).</summary>
    private readonly Dictionary<Memo, (ulong Fingerprint, bool Failed)?> _reported = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Memo> _queued = new(ReferenceEqualityComparer.Instance);
    private List<Memo> _queue = [];

    internal Observer(AdaptiveRuntime runtime) => _runtime = runtime;

    /// <summary>The number of observed memos.</summary>
    public int Count
    {
        get
        {
            lock (_reported)
            {
                return _reported.Count;
            }
        }
    }

    /// <summary>The observed memos (a snapshot, in no particular order).</summary>
    public IReadOnlyCollection<Memo> Memos
    {
        get
        {
            lock (_reported)
            {
                return [.. _reported.Keys];
            }
        }
    }

    /// <summary>Starts observing <paramref name="memo"/>; the next <see cref="Stabilize(int)"/>
    /// computes it and reports it as changed.</summary>
    public void Add(Memo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        _runtime.AddObserved(this, memo);
    }

    /// <summary>Stops observing <paramref name="memo"/>; false when it was not observed.</summary>
    public bool Remove(Memo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return _runtime.RemoveObserved(this, memo);
    }

    /// <summary>
    /// Brings every observed memo that a change may have affected (and every newly added one)
    /// up to date, and returns those whose value — or cached exception — changed since they
    /// were last reported (for values without an exact fingerprint, see docs/design/runtime.md,
    /// a change and a change back between two calls may be reported). Reads of a failing memo
    /// rethrow its exception; this method does not.
    /// </summary>
    /// <param name="maxDegreeOfParallelism">How many threads demand the memos (1: this thread only).</param>
    public IReadOnlyList<Memo> Stabilize(int maxDegreeOfParallelism = 1) => Stabilize(maxDegreeOfParallelism, null);

    /// <summary>As <see cref="Stabilize(int)"/>, calling <paramref name="progress"/> with (memos
    /// brought up to date, memos queued) after each one (from the working threads).</summary>
    public IReadOnlyList<Memo> Stabilize(int maxDegreeOfParallelism, Action<int, int>? progress)
    {
        List<Memo> queue = _runtime.TakeQueue(this);
        DropUnobserved(queue);
        if (queue.Count == 0)
        {
            return [];
        }

        var failed = new bool[queue.Count];
        if (maxDegreeOfParallelism <= 1 || queue.Count == 1)
        {
            for (int i = 0; i < queue.Count; i++)
            {
                failed[i] = !_runtime.TryBringUpToDate(queue[i]);
                progress?.Invoke(i + 1, queue.Count);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            int done = 0;
            Parallel.For(0, queue.Count, options, i =>
            {
                failed[i] = !_runtime.TryBringUpToDate(queue[i]);
                progress?.Invoke(Interlocked.Increment(ref done), queue.Count);
            });
        }

        var changed = new List<Memo>();
        lock (_reported)
        {
            for (int i = 0; i < queue.Count; i++)
            {
                Memo memo = queue[i];
                if (!_reported.TryGetValue(memo, out (ulong Fingerprint, bool Failed)? reported))
                {
                    continue; // removed meanwhile
                }

                if (failed[i])
                {
                    // Still pending (a cycle found while verifying): report it, and keep it queued
                    // because marking will not pass through a pending memo again.
                    changed.Add(memo);
                    Enqueue(memo);
                    continue;
                }

                (ulong, bool) current = (memo._fingerprint, (Volatile.Read(ref memo._state) & NodeState.Failed) != 0);
                if (reported != current)
                {
                    _reported[memo] = current;
                    changed.Add(memo);
                }
            }
        }

        return changed;
    }

    /// <summary>Removes from <paramref name="queue"/> the memos removed since a change queued
    /// them (a site's output that is no longer produced): nobody reads them, so bringing them up
    /// to date would only compute what is thrown away.</summary>
    private void DropUnobserved(List<Memo> queue)
    {
        lock (_reported)
        {
            int kept = 0;
            for (int i = 0; i < queue.Count; i++)
            {
                if (_reported.ContainsKey(queue[i]))
                {
                    queue[kept++] = queue[i];
                }
            }

            queue.RemoveRange(kept, queue.Count - kept);
        }
    }

    /// <summary>Stops observing every memo.</summary>
    public void Dispose() => _runtime.RemoveObserver(this);

    internal bool Contains(Memo memo)
    {
        lock (_reported)
        {
            return _reported.ContainsKey(memo);
        }
    }

    internal bool TryAddObserved(Memo memo)
    {
        lock (_reported)
        {
            if (!_reported.TryAdd(memo, null))
            {
                return false;
            }
        }

        Enqueue(memo);
        return true;
    }

    internal bool TryRemoveObserved(Memo memo)
    {
        lock (_reported)
        {
            return _reported.Remove(memo);
        }
    }

    /// <summary>Queues <paramref name="memo"/> for the next <see cref="Stabilize(int)"/>.</summary>
    internal void Enqueue(Memo memo)
    {
        lock (_queued)
        {
            if (_queued.Add(memo))
            {
                _queue.Add(memo);
            }
        }
    }

    internal List<Memo> TakeQueue()
    {
        lock (_queued)
        {
            List<Memo> queue = _queue;
            _queue = [];
            _queued.Clear();
            return queue;
        }
    }

    internal List<Memo> ClearAll()
    {
        lock (_reported)
        {
            var memos = new List<Memo>(_reported.Keys);
            _reported.Clear();
            TakeQueue();
            return memos;
        }
    }
}
