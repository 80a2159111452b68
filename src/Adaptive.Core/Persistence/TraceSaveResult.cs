namespace Adaptive.Core;

/// <summary>What <see cref="AdaptiveRuntime.SaveTrace"/> wrote.</summary>
/// <param name="Written">Memos and inputs inserted or replaced.</param>
/// <param name="Deleted">Stored entries removed (unreachable or no longer persistable).</param>
public readonly record struct TraceSaveResult(int Written, int Deleted);
