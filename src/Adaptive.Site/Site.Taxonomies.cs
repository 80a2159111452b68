using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private static readonly IValueCodec<ValueList<TermPages>> s_termsCodec = SiteJson.Codec<ValueList<TermPages>>();
    private static readonly IValueCodec<TermIndex> s_termIndexCodec = SiteJson.Codec<TermIndex>();
    private static readonly IValueCodec<PositionIndex> s_positionsCodec = SiteJson.Codec<PositionIndex>();
    private static readonly IValueCodec<ValueList<MenuItem>> s_menuCodec = SiteJson.Codec<ValueList<MenuItem>>();

    /// <summary>How many related pages a page lists.</summary>
    public const int RelatedCount = 5;

    /// <summary>The terms of a taxonomy, by slug, each with its pages in list order.</summary>
    [Memo(Codec = nameof(s_termsCodec))]
    public partial ValueList<TermPages> Terms(string taxonomy);

    /// <summary>Up to <see cref="RelatedCount"/> pages sharing the most terms with a page (ties
    /// in list order).</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> Related(string source);

    /// <summary>The previous page of the page's section, in list order (null at the start).</summary>
    [Memo]
    public partial string? Previous(string source);

    /// <summary>The next page of the page's section, in list order (null at the end).</summary>
    [Memo]
    public partial string? Next(string source);

    /// <summary>A menu: adapt.yaml's entries and those pages declare, by weight then name.</summary>
    [Memo(Codec = nameof(s_menuCodec))]
    public partial ValueList<MenuItem> Menu(string name);

    private ValueList<TermPages> ComputeTerms(string taxonomy)
    {
        var bySlug = new SortedDictionary<string, (string Name, List<string> Pages)>(StringComparer.Ordinal);
        foreach (string source in Pages)
        {
            foreach (string term in Meta(source).Terms(taxonomy))
            {
                string slug = Slug.Of(term);
                if (!bySlug.TryGetValue(slug, out (string Name, List<string> Pages) entry))
                {
                    entry = (term, []);
                    bySlug[slug] = entry;
                }

                if (!entry.Pages.Contains(source))
                {
                    entry.Pages.Add(source);
                }
            }
        }

        return new ValueList<TermPages>(bySlug.Select(e => new TermPages(e.Value.Name, e.Key, new ValueList<string>(e.Value.Pages))));
    }

    private ValueList<string> ComputeRelated(string source)
    {
        ValueList<string> mine = PageTerms(source);
        if (mine.Count == 0)
        {
            return ValueList<string>.Empty;
        }

        // Count shared terms through the postings of this page's terms only: O(pages sharing a
        // term), not O(site). Ties go to the earlier page in list order.
        TermIndex index = RelatedIndex;
        int self = index.PositionOf(source);
        var shared = new Dictionary<int, int>();
        foreach (string key in mine)
        {
            foreach (int position in index.PagesOf(key))
            {
                if (position != self)
                {
                    shared[position] = shared.GetValueOrDefault(position) + 1;
                }
            }
        }

        Span<(int Shared, int Position)> best = stackalloc (int, int)[RelatedCount];
        int count = 0;
        foreach ((int position, int score) in shared)
        {
            int at = count;
            while (at > 0 && (best[at - 1].Shared < score || (best[at - 1].Shared == score && best[at - 1].Position > position)))
            {
                at--;
            }

            if (at >= RelatedCount)
            {
                continue;
            }

            int last = Math.Min(count, RelatedCount - 1);
            for (int k = last; k > at; k--)
            {
                best[k] = best[k - 1];
            }

            best[at] = (score, position);
            count = Math.Min(count + 1, RelatedCount);
        }

        var related = new string[count];
        for (int k = 0; k < count; k++)
        {
            related[k] = index.Pages[best[k].Position];
        }

        return new ValueList<string>(related);
    }

    /// <summary>A page's term keys (<c>tags/go</c>), sorted, distinct.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    internal partial ValueList<string> PageTerms(string source);

    /// <summary>Every published page's terms, indexed (see <see cref="TermIndex"/>). Unchanged by
    /// body and title edits that keep the list order.</summary>
    [Memo(Codec = nameof(s_termIndexCodec))]
    internal partial TermIndex RelatedIndex { get; }

    /// <summary>The pages of a section in list order, with each page's position.</summary>
    [Memo(Codec = nameof(s_positionsCodec))]
    internal partial PositionIndex SectionPositions(string section);

    private ValueList<string> ComputePageTerms(string source)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TaxonomyTerms terms in Meta(source).Taxonomies)
        {
            foreach (string term in terms.Terms)
            {
                keys.Add(terms.Taxonomy + "/" + Slug.Of(term));
            }
        }

        return new ValueList<string>(keys);
    }

    private TermIndex ComputeRelatedIndex()
    {
        ValueList<string> pages = Pages;
        var postings = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < pages.Count; i++)
        {
            foreach (string key in PageTerms(pages[i]))
            {
                if (!postings.TryGetValue(key, out List<int>? list))
                {
                    postings[key] = list = [];
                }

                list.Add(i);
            }
        }

        var terms = new List<TermPostings>(postings.Count);
        foreach ((string key, List<int> positions) in postings)
        {
            terms.Add(new TermPostings(key, new ValueList<int>(positions)));
        }

        return new TermIndex(pages, new ValueList<TermPostings>(terms));
    }

    private PositionIndex ComputeSectionPositions(string section) => new(SectionPages(section));

    private string? ComputePrevious(string source) => Neighbor(source, -1);

    private string? ComputeNext(string source) => Neighbor(source, +1);

    private string? Neighbor(string source, int step)
    {
        string folder = Permalinks.Split(source).Folder;
        PositionIndex section = SectionPositions(folder);
        int position = section.PositionOf(source);
        if (position < 0)
        {
            return null;
        }

        int neighbor = position + step;
        return neighbor >= 0 && neighbor < section.Items.Count ? section.Items[neighbor] : null;
    }

    private ValueList<MenuItem> ComputeMenu(string name)
    {
        var items = new List<MenuItem>();
        foreach (ConfigMenuEntry entry in Config.Menu(name))
        {
            items.Add(new MenuItem(entry.Name, entry.Url, entry.Weight, entry.Parent));
        }

        foreach (string source in Files.Content)
        {
            if (!IsListed(source))
            {
                continue;
            }

            FrontMatter meta = Meta(source);
            foreach (MenuEntry entry in meta.Menus)
            {
                if (entry.Menu == name)
                {
                    items.Add(new MenuItem(entry.Name ?? meta.Title ?? Permalinks.Split(source).Name, Url(source), entry.Weight, entry.Parent));
                }
            }
        }

        items.Sort(static (a, b) => a.Weight != b.Weight ? a.Weight.CompareTo(b.Weight) : string.CompareOrdinal(a.Name, b.Name));
        return new ValueList<MenuItem>(items);
    }
}
