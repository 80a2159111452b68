namespace Adaptive.Core;

/// <summary>
/// A convenient base for classes with <see cref="MemoAttribute"/> members: it holds the runtime
/// their memos belong to, and an optional key that names this instance in memo names (and, with
/// the persisted trace, in their stable keys): <c>Page[blog/post.md].Meta</c>.
/// </summary>
/// <param name="runtime">The runtime the instance's memos belong to.</param>
public abstract class AdaptiveObject(AdaptiveRuntime runtime)
{
    /// <summary>The runtime the instance's memos belong to.</summary>
    public AdaptiveRuntime Runtime { get; } = runtime ?? throw new ArgumentNullException(nameof(runtime));

    /// <summary>A stable name of this instance among those of its type (a path, a slug), or null.</summary>
    public virtual string? Key => null;
}
