namespace Adaptive.Core;

/// <summary>What made a memo execute the last time it did.</summary>
public enum ExecutionReasonKind
{
    /// <summary>The memo has not executed (or was released since).</summary>
    NotExecuted,

    /// <summary>First demand: there was no cached value.</summary>
    FirstExecution,

    /// <summary>A dependency's value changed; <see cref="ExecutionReason.Dependency"/> is the first
    /// one found, in the order the memo had read them.</summary>
    DependencyChanged,
}

/// <summary>Why a memo last executed.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Dependency">For <see cref="ExecutionReasonKind.DependencyChanged"/>: the dependency that changed.</param>
public readonly record struct ExecutionReason(ExecutionReasonKind Kind, Node? Dependency)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ExecutionReasonKind.FirstExecution => "first execution",
        ExecutionReasonKind.DependencyChanged => "dependency '" + Dependency!.Name + "' changed",
        _ => "not executed",
    };
}
