namespace Adaptive.Core;

/// <summary>
/// Counters of the work a runtime did. Take two snapshots and subtract them to measure one
/// step: <c>var before = rt.Stats; ...; var work = rt.Stats - before;</c>.
/// </summary>
/// <param name="Executions">Memo computations run.</param>
/// <param name="CacheHits">Demands answered from the cache without verification.</param>
/// <param name="Verifications">Possibly-stale memos whose dependencies were checked.</param>
/// <param name="Cutoffs">Executions whose result equalled the previous value (dependents kept).</param>
/// <param name="Propagations">Changes (single writes or batches) that changed at least one input.</param>
/// <param name="Invalidations">Memos marked possibly stale by those changes.</param>
/// <param name="Reused">Memos whose value was taken from the persisted trace without executing.</param>
public readonly record struct RuntimeStats(
    long Executions,
    long CacheHits,
    long Verifications,
    long Cutoffs,
    long Propagations,
    long Invalidations,
    long Reused = 0)
{
    /// <summary>The work done between two snapshots.</summary>
    public static RuntimeStats operator -(RuntimeStats after, RuntimeStats before) => new(
        after.Executions - before.Executions,
        after.CacheHits - before.CacheHits,
        after.Verifications - before.Verifications,
        after.Cutoffs - before.Cutoffs,
        after.Propagations - before.Propagations,
        after.Invalidations - before.Invalidations,
        after.Reused - before.Reused);

    /// <summary>Same as the <c>-</c> operator.</summary>
    public static RuntimeStats Subtract(RuntimeStats after, RuntimeStats before) => after - before;
}
