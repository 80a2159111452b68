// Observers: adding and removing observed memos, and notifying them of changes.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    /// <summary>Observed memo → its observers; read by marking, changed under the exclusive gate.</summary>
    private readonly Dictionary<Memo, List<Observer>> _observersByMemo = new(ReferenceEqualityComparer.Instance);
    private readonly List<Observer> _observers = [];

    /// <summary>Creates an observer: a set of output memos whose changes are reported by
    /// <see cref="Observer.Stabilize(int)"/>.</summary>
    public Observer CreateObserver()
    {
        var observer = new Observer(this);
        lock (_writeLock)
        {
            _observers.Add(observer);
        }

        return observer;
    }

    internal void AddObserved(Observer observer, Memo memo)
    {
        if (memo._runtime != this)
        {
            ThrowHelper.ThrowWrongRuntime(memo, this);
        }

        ThrowIfInsideDemand(memo);
        RunExclusive((observer, memo), static args =>
        {
            (Observer o, Memo m) = args;
            if (!o.TryAddObserved(m))
            {
                return false;
            }

            AdaptiveRuntime runtime = m._runtime;
            if (!runtime._observersByMemo.TryGetValue(m, out List<Observer>? list))
            {
                list = [];
                runtime._observersByMemo.Add(m, list);
                m._state |= NodeState.Observed;
            }

            list.Add(o);
            return true;
        });
    }

    internal bool RemoveObserved(Observer observer, Memo memo)
    {
        ThrowIfInsideDemand(memo);
        return RunExclusive((observer, memo), static args =>
        {
            (Observer o, Memo m) = args;
            if (!o.TryRemoveObserved(m))
            {
                return false;
            }

            m._runtime.Unobserve(o, m);
            return true;
        });
    }

    internal void RemoveObserver(Observer observer)
    {
        RunExclusive(() =>
        {
            foreach (Memo memo in observer.ClearAll())
            {
                Unobserve(observer, memo);
            }

            _observers.Remove(observer);
        });
    }

    private void Unobserve(Observer observer, Memo memo)
    {
        StructureChanged();
        if (_observersByMemo.TryGetValue(memo, out List<Observer>? list))
        {
            list.Remove(observer);
            if (list.Count == 0)
            {
                _observersByMemo.Remove(memo);
                memo._state &= ~NodeState.Observed;
            }
        }
    }

    /// <summary>Called by marking for a memo with <see cref="NodeState.Observed"/>.</summary>
    private void NotifyObservers(Memo memo)
    {
        if (_observersByMemo.TryGetValue(memo, out List<Observer>? list))
        {
            foreach (Observer observer in list)
            {
                observer.Enqueue(memo);
            }
        }
    }

    internal List<Memo> TakeQueue(Observer observer)
    {
        lock (_writeLock)
        {
            return observer.TakeQueue();
        }
    }

    /// <summary>A top-level demand that caches errors instead of throwing them; false when a
    /// cycle was found while verifying (the memo is still pending).</summary>
    internal bool TryBringUpToDate(Memo memo)
    {
        ThreadContext context = ThreadContext.Current;
        if (context.Frame is not null || context.ClaimCount > 0)
        {
            throw new InvalidOperationException("Observers cannot be stabilized while a memo is being computed.");
        }

        EnterDemand(context);
        try
        {
            memo.Update(context);
            return true;
        }
        catch (CycleException)
        {
            return false;
        }
        finally
        {
            ExitDemand();
        }
    }
}
