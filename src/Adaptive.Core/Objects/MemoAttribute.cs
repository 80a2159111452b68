namespace Adaptive.Core;

/// <summary>
/// Marks a partial property or a partial method of a partial class as a memo: the
/// <c>Adaptive.Core.Generators</c> source generator implements it with a memoized,
/// dependency-tracked value. The computation is written in a method named
/// <c>Compute</c> + the member's name, with the member's parameters and return type:
/// <code>
/// [Memo] public partial FrontMatter Meta { get; }
/// private FrontMatter ComputeMeta() =&gt; FrontMatter.Parse(Source.Value);
///
/// [Memo] public partial string Excerpt(int words);        // one memo per argument value
/// private string ComputeExcerpt(int words) =&gt; ...;
/// </code>
/// The containing type must derive from <see cref="AdaptiveObject"/> or have an accessible
/// <c>Runtime</c> property or field of type <see cref="AdaptiveRuntime"/> (static for static
/// members). See docs/design/memo-attribute.md.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MemoAttribute : Attribute
{
    /// <summary>The name of a static field or property of the containing type holding the
    /// <c>IEqualityComparer&lt;T&gt;</c> that decides whether a recomputed value changed
    /// (default equality when not set), e.g. <c>[Memo(Comparer = nameof(s_byTitle))]</c>.</summary>
    public string? Comparer { get; set; }

    /// <summary>The name of a static field or property of the containing type holding the
    /// <see cref="IValueCodec{T}"/> that lets a trace store persist the value (default:
    /// <see cref="Codec.Default{T}"/>, which covers strings, byte arrays and primitives), e.g.
    /// <c>[Memo(Codec = nameof(s_metaCodec))]</c>.</summary>
    public string? Codec { get; set; }

    /// <summary>
    /// Recompute this memo as soon as an input it reads changes, inside the change, and let the
    /// change go on only if its value is different. Use it to split an input into parts — a
    /// file's front matter and its body — so that an edit of one part never reaches what depends
    /// only on the other: without it, a change marks every transitive dependent possibly stale,
    /// and the work to verify them is proportional to all of them. An eager memo may read only
    /// inputs (Refs and files); reading a memo is an error cached on it.
    /// </summary>
    public bool Eager { get; set; }
}
