// Taxonomies and related pages: terms with their pages, each page's terms, the index related pages
// are ranked from.

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The terms of a taxonomy, by slug, each with its pages in list order.</summary>
    internal static readonly SiteTable<string, ValueList<TermPages>> Terms = new(
        "Site.Terms", static (s, taxonomy) => s.ComputeTerms(taxonomy), SiteJson.Codec<ValueList<TermPages>>());

    /// <summary>Up to <see cref="Site.RelatedCount"/> pages sharing the most terms with a page
    /// (ties in list order).</summary>
    internal static readonly SiteTable<string, ValueList<string>> Related = new("Site.Related", static (s, source) => s.ComputeRelated(source), SiteCodecs.List);

    /// <summary>A page's term keys (<c>tags/go</c>), sorted, distinct.</summary>
    internal static readonly SiteTable<string, ValueList<string>> PageTerms = new(
        "Site.PageTerms", static (s, source) => s.ComputePageTerms(source), SiteCodecs.List, role: SiteValueRole.PageFact);

    /// <summary>Every published page's terms, indexed (see <see cref="TermIndex"/>). Unchanged by
    /// body and title edits that keep the list order.</summary>
    internal static readonly SiteValue<TermIndex> RelatedIndex = new("Site.RelatedIndex", static s => s.ComputeRelatedIndex(), SiteJson.Codec<TermIndex>());

    private ValueList<TermPages> ComputeTerms(string taxonomy)
    {
        var bySlug = new SortedDictionary<string, (string Name, List<string> Pages)>(StringComparer.Ordinal);
        foreach (string source in Get(Pages))
        {
            foreach (string term in Get(Meta, source).Terms(taxonomy))
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
        ValueList<string> mine = Get(PageTerms, source);
        if (mine.Count == 0)
        {
            return ValueList<string>.Empty;
        }

        // Count shared terms through the postings of this page's terms only: O(pages sharing a
        // term), not O(site). Ties go to the earlier page in list order.
        TermIndex index = Get(RelatedIndex);
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

        Span<(int Shared, int Position)> best = stackalloc (int, int)[Site.RelatedCount];
        int count = 0;
        foreach ((int position, int score) in shared)
        {
            int at = count;
            while (at > 0 && (best[at - 1].Shared < score || (best[at - 1].Shared == score && best[at - 1].Position > position)))
            {
                at--;
            }

            if (at >= Site.RelatedCount)
            {
                continue;
            }

            int last = Math.Min(count, Site.RelatedCount - 1);
            for (int k = last; k > at; k--)
            {
                best[k] = best[k - 1];
            }

            best[at] = (score, position);
            count = Math.Min(count + 1, Site.RelatedCount);
        }

        var related = new string[count];
        for (int k = 0; k < count; k++)
        {
            related[k] = index.Pages[best[k].Position];
        }

        return new ValueList<string>(related);
    }

    private ValueList<string> ComputePageTerms(string source)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TaxonomyTerms terms in Get(Meta, source).Taxonomies)
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
        ValueList<string> pages = Get(Pages);
        var postings = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < pages.Count; i++)
        {
            foreach (string key in Get(PageTerms, pages[i]))
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
}
