using System.Collections.Concurrent;

namespace Adaptive.Core.Tests;

/// <summary>Records which memos executed, so tests can assert the work done.</summary>
internal sealed class ExecutionLog
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
}
