// Execution logs: which memos executed while a log was open.
using System.Collections.Concurrent;

namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private ExecutionLog? _log;

    /// <summary>
    /// Starts recording which memos execute, until the returned log is disposed: what a test
    /// asserts to prove that an edit did only the necessary work, and what a user reads to see
    /// what a change rebuilt. One log at a time; recording costs one field read per execution
    /// when off.
    /// </summary>
    public ExecutionLog RecordExecutions()
    {
        var log = new ExecutionLog(this);
        if (Interlocked.CompareExchange(ref _log, log, null) is not null)
        {
            throw new InvalidOperationException("Executions are already being recorded: dispose that log first.");
        }

        return log;
    }

    internal void Logged(Node memo) => _log?.Add(memo);

    internal void StopLog(ExecutionLog log) => Interlocked.CompareExchange(ref _log, null, log);
}

/// <summary>The memos that executed while it was recording (<see cref="AdaptiveRuntime.RecordExecutions"/>),
/// in completion order (each execution once, so a memo can appear several times).</summary>
public sealed class ExecutionLog : IDisposable
{
    private readonly AdaptiveRuntime _runtime;
    private readonly ConcurrentQueue<Node> _executed = new();

    internal ExecutionLog(AdaptiveRuntime runtime) => _runtime = runtime;

    /// <summary>The memos executed so far.</summary>
    public IReadOnlyList<Node> Memos => [.. _executed];

    /// <summary>The names of the memos executed so far (<see cref="Node.Name"/>), sorted
    /// ordinally, with repeats.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>(_executed.Count);
            foreach (Node node in _executed)
            {
                names.Add(node.Name);
            }

            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>Stops recording.</summary>
    public void Dispose() => _runtime.StopLog(this);

    internal void Add(Node memo) => _executed.Enqueue(memo);
}
