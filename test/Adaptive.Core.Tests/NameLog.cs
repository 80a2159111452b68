using System.Collections.Concurrent;

namespace Adaptive.Core.Tests;

/// <summary>Names logged by test computations as they run (the order of work within a test).</summary>
internal sealed class NameLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public void Add(string name) => _entries.Enqueue(name);

    /// <summary>The names logged since the last call, in order.</summary>
    public List<string> Take()
    {
        var taken = new List<string>();
        while (_entries.TryDequeue(out string? name))
        {
            taken.Add(name);
        }

        return taken;
    }

    /// <summary>A memo of <paramref name="runtime"/> that logs its name each time it executes.</summary>
    public Memo<T> Memo<T>(AdaptiveRuntime runtime, string name, Func<T> compute, IEqualityComparer<T>? comparer = null) =>
        runtime.Memo(() =>
        {
            T value = compute();
            Add(name);
            return value;
        }, name, comparer);
}
