using System.Runtime.ExceptionServices;

namespace Adaptive.Core;

/// <summary>
/// A derived value: a computation whose result is cached and whose dependencies (the nodes it
/// read during its last execution, in order) are recorded. This is the untyped part of
/// <see cref="Memo{T}"/>; the runtime's algorithm lives here, split by verb:
/// <list type="bullet">
/// <item><c>Memo.Verify.cs</c>: bring a memo up to date on demand (pull).</item>
/// <item><c>Memo.Record.cs</c>: replace the recorded dependencies after an execution.</item>
/// <item><c>Memo.Wait.cs</c>: claim a memo, or wait for the thread that holds it.</item>
/// <item><c>Memo{T}.Execute.cs</c>: run the computation and apply early cutoff.</item>
/// <item><c>Memo{T}.Adopt.cs</c>: take a stored result from the persisted trace.</item>
/// <item><c>AdaptiveRuntime.Dirty.cs</c>: mark dependents pending on a change (push);
/// <c>AdaptiveRuntime.Batch.cs</c>: several writes as one change;
/// <c>AdaptiveRuntime.Trace.cs</c> and <c>AdaptiveRuntime.Save.cs</c>: load and persist the trace.</item>
/// </list>
/// </summary>
public abstract partial class Memo : Node
{
    private static readonly DepEdge[] s_noDeps = [];

    /// <summary>The dependencies read by the last execution, in order.</summary>
    internal DepEdge[] _deps = s_noDeps;

    /// <summary>The dependency whose change caused the last execution (null for a first one).</summary>
    internal Node? _cause;

    /// <summary>The cached exception while <see cref="NodeState.Failed"/> is set.</summary>
    internal ExceptionDispatchInfo? _error;

    private protected Memo(AdaptiveRuntime runtime, string? name)
        : base(runtime, name, NodeState.New)
    {
    }

    /// <summary>Makes the memo eager (see <see cref="MemoAttribute.Eager"/>); before its first use.</summary>
    internal void MakeEager() => _state |= NodeState.Eager;

    /// <summary>True while the memo's value is not in memory: its result was taken from the trace
    /// (a previous process's) and not read yet, or its value was dropped
    /// (<see cref="AdaptiveRuntime.DropRecomputableValues"/>). The next read brings it back.</summary>
    public bool IsValueInStore => (Volatile.Read(ref _state) & NodeState.Unloaded) != 0;

    /// <summary>
    /// True when the memo's value is the one the trace holds for it: adopted from the trace
    /// (<see cref="IsValueInStore"/>), or executed again in this process to a value with the
    /// stored content fingerprint. A consumer that kept the stored value outside the graph when
    /// the trace was saved (an output file) still holds this one, so it has nothing to redo —
    /// the cutoff a live process gets by comparing with its previous value, which a new process
    /// does not have. False without a trace, for a memo the trace has no result of, and for a
    /// memo that failed or is not up to date.
    /// </summary>
    /// <remarks>Read it from one thread once the memo is up to date (after
    /// <see cref="Observer.Stabilize(int)"/>): it may encode the value to fingerprint it, which
    /// the next <see cref="AdaptiveRuntime.SaveTrace"/> then reuses.</remarks>
    public bool MatchesTrace
    {
        get
        {
            int state = Volatile.Read(ref _state);
            if ((state & NodeState.Unloaded) != 0)
            {
                return true;
            }

            return (state & (NodeState.NeedsUpdate | NodeState.Failed)) == 0
                && _persist is { } persist
                && _runtime.StoredMemoFor(persist.Key) is { } stored
                && persist.FingerprintOf(this) == stored.Fingerprint;
        }
    }

    /// <summary>Why this memo last executed.</summary>
    public ExecutionReason LastExecution
    {
        get
        {
            int state = Volatile.Read(ref _state);
            if ((state & NodeState.New) != 0)
            {
                return default;
            }

            return _cause is null
                ? new ExecutionReason(ExecutionReasonKind.FirstExecution, null)
                : new ExecutionReason(ExecutionReasonKind.DependencyChanged, _cause);
        }
    }

    /// <summary>The nodes this memo read in its last execution, in order (a snapshot).</summary>
    public IReadOnlyList<Node> Dependencies
    {
        get
        {
            DepEdge[] deps = _deps;
            var result = new Node[deps.Length];
            for (int i = 0; i < deps.Length; i++)
            {
                result[i] = deps[i].Node;
            }

            return result;
        }
    }

    /// <summary>A hash of the computation's code, for memos generated from <c>[Memo]</c>
    /// members (0 otherwise): persisted results are valid only for the same code.</summary>
    internal virtual ulong CodeFingerprint => 0;

    private protected override string DefaultName => "memo#" + _id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs the computation, records dependencies, stores the value or the error and
    /// applies early cutoff. Caller holds the claim and applies the returned outcome
    /// (<see cref="NodeState.Failed"/> when it threw, plus <see cref="NodeState.SequenceUnit"/>
    /// when the stored value was replaced) when it releases the claim.</summary>
    internal abstract int Execute(ThreadContext context, Node? cause);

    /// <summary>Takes the persisted result instead of executing, when it is still valid
    /// (see <see cref="Memo{T}.TryAdopt"/>).</summary>
    internal abstract bool TryAdopt(ThreadContext context, out int outcome, out Node? changed);

    /// <summary>Drops the value of an up-to-date result that the trace keeps only as a
    /// fingerprint (see <see cref="AdaptiveRuntime.DropRecomputableValues"/>). Caller holds the
    /// runtime exclusively.</summary>
    internal abstract bool TryDropValue();

    /// <summary>Drops the value and all edges (the memo becomes new). Caller holds the runtime
    /// exclusively.</summary>
    internal virtual void ReleaseCore()
    {
        _runtime.UnregisterPersistent(this);
        _error = null;
        _cause = null;
        _state = (_state & ~(NodeState.Pending | NodeState.Failed)) | NodeState.New;
    }
}
