namespace Adaptive.Site;

/// <summary>The terms a page carries (<c>taxonomy/slug</c> keys) and, for each, the positions of
/// its pages in list order: what related pages are computed from without scanning every page.
/// Compared by value.</summary>
/// <param name="Pages">The published pages, in list order.</param>
/// <param name="Terms">Each term key with the positions (in <paramref name="Pages"/>) of its
/// pages, ascending; sorted by key.</param>
public sealed record TermIndex(ValueList<string> Pages, ValueList<TermPostings> Terms)
{
    private readonly Dictionary<string, int> _positions = Positions(Pages);
    private readonly Dictionary<string, ValueList<int>> _postings = Terms.ToDictionary(t => t.Key, t => t.Pages, StringComparer.Ordinal);

    /// <summary>The position of a page in list order, or -1.</summary>
    public int PositionOf(string source) => _positions.TryGetValue(source, out int position) ? position : -1;

    /// <summary>The positions of a term's pages (empty for an unknown term).</summary>
    public ValueList<int> PagesOf(string key) => _postings.TryGetValue(key, out ValueList<int>? pages) ? pages : ValueList<int>.Empty;

    /// <inheritdoc/>
    public bool Equals(TermIndex? other) => other is not null && Pages.Equals(other.Pages) && Terms.Equals(other.Terms);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Pages, Terms);

    private static Dictionary<string, int> Positions(ValueList<string> pages)
    {
        var positions = new Dictionary<string, int>(pages.Count, StringComparer.Ordinal);
        for (int i = 0; i < pages.Count; i++)
        {
            positions[pages[i]] = i;
        }

        return positions;
    }
}

/// <summary>A term key (<c>tags/go</c>) and the positions of its pages.</summary>
/// <param name="Key">The term key.</param>
/// <param name="Pages">Positions in list order, ascending.</param>
public sealed record TermPostings(string Key, ValueList<int> Pages);

/// <summary>A list of pages with each one's position (O(1) neighbors). Compared by value.</summary>
/// <param name="Items">The pages, in list order.</param>
public sealed record PositionIndex(ValueList<string> Items)
{
    private readonly Dictionary<string, int> _positions = Index(Items);

    /// <summary>The position of <paramref name="source"/>, or -1.</summary>
    public int PositionOf(string source) => _positions.TryGetValue(source, out int position) ? position : -1;

    /// <inheritdoc/>
    public bool Equals(PositionIndex? other) => other is not null && Items.Equals(other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => Items.GetHashCode();

    private static Dictionary<string, int> Index(ValueList<string> items)
    {
        var positions = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            positions[items[i]] = i;
        }

        return positions;
    }
}
