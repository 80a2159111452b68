namespace Adaptive.Core;

/// <summary>
/// Work counters of one thread for one runtime. Each thread increments its own instance with
/// plain writes (no contention, no atomics on hot paths); <see cref="AdaptiveRuntime.Stats"/>
/// sums them.
/// </summary>
internal sealed class RuntimeCounters
{
    /// <summary>Counts nothing that is ever read: the placeholder before a thread's first demand.</summary>
    internal static readonly RuntimeCounters Detached = new();

    internal long Executions;
    internal long CacheHits;
    internal long Verifications;
    internal long Cutoffs;
    internal long Reused;
}
