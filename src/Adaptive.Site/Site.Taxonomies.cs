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

    private ValueList<TermPages> ComputeTerms(string taxonomy) => _logic.ComputeTerms(taxonomy);

    private ValueList<string> ComputeRelated(string source) => _logic.ComputeRelated(source);

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

    private ValueList<string> ComputePageTerms(string source) => _logic.ComputePageTerms(source);

    private TermIndex ComputeRelatedIndex() => _logic.ComputeRelatedIndex();

    private PositionIndex ComputeSectionPositions(string section) => _logic.ComputeSectionPositions(section);

    private string? ComputePrevious(string source) => _logic.ComputePrevious(source);

    private string? ComputeNext(string source) => _logic.ComputeNext(source);

    private ValueList<MenuItem> ComputeMenu(string name) => _logic.ComputeMenu(name);
}
