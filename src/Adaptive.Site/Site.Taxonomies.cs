using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private static readonly IValueCodec<ValueList<TermPages>> s_termsCodec = SiteJson.Codec<ValueList<TermPages>>();
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
        ValueList<string> pages = Pages;
        HashSet<string> mine = TermKeys(Meta(source));
        if (mine.Count == 0)
        {
            return ValueList<string>.Empty;
        }

        var scored = new List<(int Shared, int Order, string Source)>();
        for (int i = 0; i < pages.Count; i++)
        {
            if (pages[i] != source)
            {
                int shared = TermKeys(Meta(pages[i])).Count(mine.Contains);
                if (shared > 0)
                {
                    scored.Add((shared, i, pages[i]));
                }
            }
        }

        scored.Sort(static (a, b) => a.Shared != b.Shared ? b.Shared.CompareTo(a.Shared) : a.Order.CompareTo(b.Order));
        return new ValueList<string>(scored.Take(RelatedCount).Select(s => s.Source));
    }

    private static HashSet<string> TermKeys(FrontMatter meta)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (TaxonomyTerms terms in meta.Taxonomies)
        {
            foreach (string term in terms.Terms)
            {
                keys.Add(terms.Taxonomy + "/" + Slug.Of(term));
            }
        }

        return keys;
    }

    private string? ComputePrevious(string source) => Neighbor(source, -1);

    private string? ComputeNext(string source) => Neighbor(source, +1);

    private string? Neighbor(string source, int step)
    {
        ValueList<string> section = SectionPages(Permalinks.Split(source).Folder);
        for (int i = 0; i < section.Count; i++)
        {
            if (section[i] == source)
            {
                int neighbor = i + step;
                return neighbor >= 0 && neighbor < section.Count ? section[neighbor] : null;
            }
        }

        return null;
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
