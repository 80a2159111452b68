using System.Globalization;

namespace Adaptive.Core;

/// <summary>
/// The self-adjusting computation runtime: creates inputs (<see cref="Ref{T}"/>) and derived
/// values (<see cref="Memo{T}"/>, <see cref="MemoTable{TKey, TValue}"/>), propagates changes,
/// and counts the work it does.
/// </summary>
/// <remarks>
/// <para>The algorithm (see docs/design/runtime.md): a change bumps the global revision, stamps
/// the input's <c>changedAt</c>, and marks every transitive dependent <em>pending</em> (push).
/// A demand of a pending memo checks its recorded dependencies in order, bringing each up to
/// date, and re-executes it only when one of them changed after the memo's <c>verifiedAt</c>
/// (pull). A re-execution that yields an equal value keeps the old <c>changedAt</c> (early
/// cutoff), so its dependents verify without executing.</para>
/// <para>Threads: any number of threads may demand memos at once; each memo is claimed by one
/// thread while it is verified or executed and the others wait for it. Changes wait until
/// in-flight demands finish, and demands that start during a change wait until it is
/// propagated, so every demand sees one consistent revision.</para>
/// </remarks>
public sealed partial class AdaptiveRuntime
{
    /// <summary>Creates a runtime without a persisted trace: every process starts cold.</summary>
    public AdaptiveRuntime()
    {
    }

    /// <summary>
    /// Creates a runtime that reuses the results stored in <paramref name="trace"/>: demanding a
    /// persistent memo (one with a name and a codec) whose stored dependencies all still hold the
    /// stored fingerprints returns the stored value without executing it. <see cref="SaveTrace"/>
    /// writes this run's results back. The caller keeps ownership of the store.
    /// </summary>
    /// <param name="trace">The store (the CLI's is <c>LiteDbTraceStore</c>, in Adaptive.Core.LiteDb).</param>
    /// <param name="clock">The clock that tells whether a file just hashed was written too
    /// recently for its stat to vouch for it next time (default: the system clock; tests pass
    /// their own).</param>
    /// <param name="singleBuild">The runtime brings its memos up to date once and saves (a
    /// command-line build): a stored result whose whole stored subgraph is unchanged is taken
    /// without creating or linking its dependencies, so the work is proportional to what
    /// changed, not to the size of the trace. Such a runtime cannot propagate a change after
    /// that (it throws <see cref="InvalidOperationException"/>); a runtime that keeps running
    /// (a watch) leaves this false.</param>
    public AdaptiveRuntime(ITraceStore trace, TimeProvider? clock = null, bool singleBuild = false)
    {
        ArgumentNullException.ThrowIfNull(trace);
        _store = trace;
        // The trace loads (read, inflate, index) on another thread while the caller goes on with
        // what needs no trace — a site lists its folder and stats its files meanwhile; the first
        // use of the trace waits for it (Snapshot).
        _loading = Task.Run(trace.Load);
        Clock = clock ?? TimeProvider.System;
        SingleBuild = singleBuild;
    }

    /// <summary>Guards every change of edge arrays (subscribers and dependencies).</summary>
    internal readonly object _edgeLock = new();
    internal readonly EdgeScratch _edgeScratch = new();

    /// <summary>Waiters for busy memos block on this monitor.</summary>
    internal readonly object _waitLock = new();

    /// <summary>The number of threads waiting for a busy memo (releases pulse when non-zero).</summary>
    internal int _waiters;

    /// <summary>The current revision: bumped once per propagated change.</summary>
    internal long _revision = 1;

    private readonly List<RuntimeCounters> _counters = [];
    private int _nextNodeId;
    private long _stamps;
    private long _propagations;
    private long _invalidations;

    /// <summary>Creates an input cell.</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="name">A name for diagnostics, graph exports and cycle messages.</param>
    /// <param name="comparer">Decides whether a new value differs (default equality when null).</param>
    /// <param name="codec">With a trace store: how to fingerprint the value for the next process
    /// (default: <see cref="Codec.Default{T}"/>). A named Ref with a codec is persistent.</param>
    public Ref<T> Ref<T>(T value, string? name = null, IEqualityComparer<T>? comparer = null, IValueCodec<T>? codec = null)
    {
        var cell = new Ref<T>(this, value, name, comparer);
        RegisterPersistent(cell, name, codec);
        return cell;
    }

    /// <summary>Creates a memo: a lazily computed, cached value whose dependencies are recorded.</summary>
    /// <param name="compute">The computation. It must be deterministic in what it reads and must not write Refs.</param>
    /// <param name="name">A name for diagnostics, graph exports and cycle messages.</param>
    /// <param name="comparer">Decides whether a recomputed value differs (default equality when null).</param>
    /// <param name="codec">With a trace store: how to store the value so a new process can reuse
    /// it (default: <see cref="Codec.Default{T}"/>). A named memo with a codec is persistent.</param>
    public Memo<T> Memo<T>(Func<T> compute, string? name = null, IEqualityComparer<T>? comparer = null, IValueCodec<T>? codec = null)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var memo = new FuncMemo<T>(this, compute, name, comparer);
        RegisterPersistent(memo, name, codec);
        return memo;
    }

    /// <summary>Creates a memo over a state value, so no closure is allocated per memo: pass a
    /// static lambda, e.g. <c>rt.Memo(page, static p =&gt; p.Render())</c>.</summary>
    /// <param name="state">The argument passed to <paramref name="compute"/>.</param>
    /// <param name="compute">The computation. It must be deterministic in what it reads and must not write Refs.</param>
    /// <param name="name">A name for diagnostics, graph exports and cycle messages.</param>
    /// <param name="comparer">Decides whether a recomputed value differs (default equality when null).</param>
    /// <param name="codec">With a trace store: how to store the value (default: <see cref="Codec.Default{T}"/>).</param>
    public Memo<T> Memo<TState, T>(TState state, Func<TState, T> compute, string? name = null, IEqualityComparer<T>? comparer = null, IValueCodec<T>? codec = null)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var memo = new StateMemo<TState, T>(this, state, compute, name, comparer);
        RegisterPersistent(memo, name, codec);
        return memo;
    }

    /// <summary>Creates a keyed memo function: one memo per key, created on first use.</summary>
    /// <param name="compute">The computation for one key.</param>
    /// <param name="name">The table's name; a memo is named <c>name[key]</c>.</param>
    /// <param name="comparer">Decides whether a recomputed value differs (default equality when null).</param>
    /// <param name="keyComparer">Key equality (default equality when null).</param>
    /// <param name="codec">With a trace store: how to store values (default: <see cref="Codec.Default{T}"/>).
    /// A named table with string or integer keys and a codec is persistent; entries are keyed <c>name[key]</c>.</param>
    public MemoTable<TKey, TValue> MemoTable<TKey, TValue>(
        Func<TKey, TValue> compute,
        string? name = null,
        IEqualityComparer<TValue>? comparer = null,
        IEqualityComparer<TKey>? keyComparer = null,
        IValueCodec<TValue>? codec = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        var table = new MemoTable<TKey, TValue>(this, compute, name, comparer, keyComparer, codeFingerprint: 0, codec);
        RegisterTable(table);
        return table;
    }

    /// <summary>Counters of the work done so far (sum over all threads).</summary>
    public RuntimeStats Stats
    {
        get
        {
            long executions = 0, hits = 0, verifications = 0, cutoffs = 0, reused = 0;
            lock (_counters)
            {
                foreach (RuntimeCounters counters in _counters)
                {
                    executions += counters.Executions;
                    hits += counters.CacheHits;
                    verifications += counters.Verifications;
                    cutoffs += counters.Cutoffs;
                    reused += counters.Reused;
                }
            }

            return new RuntimeStats(executions, hits, verifications, cutoffs,
                Volatile.Read(ref _propagations), Volatile.Read(ref _invalidations), reused);
        }
    }

    internal int NextNodeId() => Interlocked.Increment(ref _nextNodeId);

    /// <summary>A fingerprint never handed out before (for values without an exact one).</summary>
    internal ulong NextStamp() => (ulong)Interlocked.Increment(ref _stamps);

    internal RuntimeCounters CreateCounters()
    {
        var counters = new RuntimeCounters();
        lock (_counters)
        {
            _counters.Add(counters);
        }

        return counters;
    }

    internal void WakeWaiters()
    {
        lock (_waitLock)
        {
            Monitor.PulseAll(_waitLock);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        "AdaptiveRuntime(revision " + Volatile.Read(ref _revision).ToString(CultureInfo.InvariantCulture) + ")";
}
