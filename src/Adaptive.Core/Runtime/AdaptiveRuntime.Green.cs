// Green checks of a single build: stored results taken on the stored graph, without their dependencies.
using Adaptive.Core.Plumbing;

namespace Adaptive.Core;

/// <summary>
/// Marking stored results green on the stored graph itself (rustc's <c>try_mark_green</c>), for
/// a runtime that builds once (<see cref="AdaptiveRuntime(ITraceStore, TimeProvider?, bool)"/>).
/// </summary>
/// <remarks>
/// <para>A stored memo is green when every stored dependency still holds the fingerprint it
/// observed: an input by its current fingerprint, a memo by being green itself (then it holds
/// its stored fingerprint) — walked over the image's arrays by index, each entry colored once,
/// with no node, key string or value created. Only where the walk meets something that is not
/// green does it bring that dependency up to date for real (create the memo, verify it, execute
/// it if it must) and compare the fingerprint it ends with: early cutoff, as in
/// <see cref="Memo{T}"/>'s own adoption. So a new process creates memos for what changed, the
/// memos that read something that changed, and what the build asks for — not for the
/// 200,000 results an edit leaves alone.</para>
/// <para>A memo adopted this way has no dependency edges in memory (it is "shallow"): a change
/// made afterwards would not reach it, so such a runtime refuses changes once it adopted one
/// (<see cref="ThrowIfShallow"/>); a runtime that keeps propagating (a watch) links every
/// adopted memo to its dependencies instead.</para>
/// <para>Colors are per base-image entry: 0 unknown, 1 green, 2 not green by the arrays (its
/// memo is brought up to date for real when a reader needs it). Entries replaced since the base
/// (deltas) and placeholders are always checked for real. Threads race benignly: a color is a
/// fact about the stored graph and this build's inputs, which do not change during the build.</para>
/// </remarks>
public sealed partial class AdaptiveRuntime
{
    private const byte Unknown = 0;
    private const byte Green = 1;
    private const byte NotGreen = 2;
    private const byte Walking = 3; // on a walk's stack (a cycle, or another thread's walk, if met)

    private byte[]? _colors;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _kept = new(); // stored results kept without a memo (TryKeepGreen): roots of the next save's collection
    private Node?[]? _liveByIndex;
    private sbyte[]? _codeLoaded;
    private int _shallowAdoptions;

    /// <summary>True for a runtime created for a single build: stored results are adopted
    /// without linking their dependencies (see the constructor's <c>singleBuild</c>).</summary>
    public bool SingleBuild { get; }

    /// <summary>Records a memo adopted without its dependencies.</summary>
    internal void CountShallow() => Interlocked.Increment(ref _shallowAdoptions);

    /// <summary>A change after a shallow adoption would miss the adopted memos' readers.</summary>
    internal void ThrowIfShallow()
    {
        if (Volatile.Read(ref _shallowAdoptions) > 0)
        {
            throw new InvalidOperationException(
                "This runtime was created for a single build and adopted results from the trace without linking their dependencies, so it cannot propagate changes. Create a new runtime on the saved trace.");
        }
    }

    /// <summary>
    /// For a single build: true when the stored result of the memo named <paramref name="key"/>,
    /// computed by the code <paramref name="code"/>, is green — what it read is unchanged, checked
    /// as <see cref="Memo{T}"/>'s adoption checks it, bringing up to date for real only what is not
    /// green — without creating the memo. The stored result and everything it read then stay in
    /// the trace, as if an observed memo had read them. A builder that keeps thousands of
    /// unchanged outputs this way creates no memo, observer entry or value for them.
    /// </summary>
    internal bool TryKeepGreen(string key, ulong code)
    {
        if (!SingleBuild || Snapshot?.Image is null)
        {
            return false;
        }

        ThreadContext context = ThreadContext.Current;
        if (context.Frame is not null || context.ClaimCount > 0)
        {
            throw new InvalidOperationException("Stored results cannot be kept while a memo is being computed.");
        }

        EnterDemand(context);
        try
        {
            if (!TryMarkGreen(context, key, code, out _))
            {
                return false;
            }
        }
        catch (CycleException)
        {
            return false; // the memo's own evaluation reports the cycle
        }
        finally
        {
            ExitDemand();
        }

        _kept.Enqueue(key); // without a lock: both cores keep outputs at once

        CountShallow(); // a change after this would not reach what was kept
        return true;
    }

    /// <summary>True when the stored memo <paramref name="key"/>, computed by the code
    /// <paramref name="code"/>, is green (see the remarks above); then its stored fingerprint.</summary>
    internal bool TryMarkGreen(ThreadContext context, string key, ulong code, out Fingerprint128 fingerprint)
    {
        fingerprint = default;
        TraceImage? image = Snapshot?.Image;
        if (image is null)
        {
            return false;
        }

        int index = Snapshot!.BaseIndexOf(key);
        if (index < 0 || image.KindAt(index) != TraceImage.MemoKind || image.CodeAt(index) != code || !MarkGreen(context, image, index))
        {
            return false;
        }

        fingerprint = image.FingerprintAt(index);
        return true;
    }

    private bool MarkGreen(ThreadContext context, TraceImage image, int root)
    {
        byte[] colors = _colors ??= new byte[image.Count];
        TraceSnapshot snapshot = Snapshot!;
        if (Interlocked.CompareExchange(ref colors[root], Walking, Unknown) != Unknown)
        {
            return Volatile.Read(ref colors[root]) == Green;
        }

        // Depth first over the stored edges with an explicit stack: entry, next edge to check.
        var stack = new Stack<(int Index, int Edge)>();
        stack.Push((root, image.EdgeStart(root)));
        while (stack.Count > 0)
        {
            (int index, int edge) = stack.Pop();
            if (edge == image.EdgeEnd(index))
            {
                Volatile.Write(ref colors[index], Green);
                continue;
            }

            int target = image.EdgeTarget(edge, out bool failed);
            byte color = Volatile.Read(ref colors[target]);
            bool holds;
            if (color == Green && !failed && !snapshot.IsOverridden(target))
            {
                holds = image.ObservedAt(edge) == image.FingerprintAt(target);
            }
            else if (color == Unknown && !failed && image.KindAt(target) == TraceImage.MemoKind && !snapshot.IsOverridden(target)
                && IsCodeLoaded(image, target) && Interlocked.CompareExchange(ref colors[target], Walking, Unknown) == Unknown)
            {
                stack.Push((index, edge)); // come back to this edge once the dependency is colored
                stack.Push((target, image.EdgeStart(target)));
                continue;
            }
            else
            {
                // An input, a dependency that is not green by the arrays, a replaced entry or a
                // placeholder: brought up to date for real, then compared.
                holds = LiveHolds(context, image, target, failed, image.ObservedAt(edge));
            }

            if (holds)
            {
                stack.Push((index, edge + 1));
                continue;
            }

            // Not green: neither is anything on the stack that reads it through this path. Each
            // reader checks the real memo when it comes to that edge again.
            Volatile.Write(ref colors[index], NotGreen);
            while (stack.Count > 0)
            {
                (int reader, int readerEdge) = stack.Pop();
                int dependency = image.EdgeTarget(readerEdge, out bool readerFailed);
                if (!LiveHolds(context, image, dependency, readerFailed, image.ObservedAt(readerEdge)))
                {
                    Volatile.Write(ref colors[reader], NotGreen);
                    continue;
                }

                stack.Push((reader, readerEdge + 1)); // the real memo cut off: go on with this reader
                break;
            }
        }

        return colors[root] == Green;
    }

    /// <summary>Brings the live node of entry <paramref name="index"/> up to date (creating it
    /// from its key) and compares what it holds with what a reader observed.</summary>
    private bool LiveHolds(ThreadContext context, TraceImage image, int index, bool failed, Fingerprint128 observed)
    {
        Node?[] live = _liveByIndex ??= new Node?[image.Count];
        Node? node = Volatile.Read(ref live[index]);
        if (node is null)
        {
            node = ResolvePersistent(image.KeyAt(index));
            Volatile.Write(ref live[index], node);
        }

        if (node?._persist is not { } persist)
        {
            return false;
        }

        if (node is Memo memo && (Volatile.Read(ref memo._state) & NodeState.NeedsUpdate) != 0)
        {
            memo.Update(context);
        }

        bool nodeFailed = (Volatile.Read(ref node._state) & NodeState.Failed) != 0;
        return nodeFailed == failed && (failed || persist.FingerprintOf(node) == observed);
    }

    private bool IsCodeLoaded(TraceImage image, int index)
    {
        sbyte[] loaded = _codeLoaded ??= new sbyte[image.CodeCount];
        int code = image.CodeIndexAt(index);
        if (loaded[code] == 0)
        {
            loaded[code] = CodeRegistry.IsLoaded(image.Code(code)) ? (sbyte)1 : (sbyte)-1;
        }

        return loaded[code] == 1;
    }
}
