namespace Adaptive.Site;

/// <summary>
/// The values of a site that computations read (<see cref="SiteLogic"/>). The adaptive
/// <see cref="Site"/> answers each from a memo, so reading records a dependency; the phased
/// pipeline answers from what its phases computed.
/// </summary>
internal interface ISiteModel
{
    public SiteFiles Files { get; }

    public BuildOptions Options { get; }

    public SiteConfig Config { get; }

    public ValueList<string> Pages { get; }

    public ValueList<string> BrokenPages { get; }

    public ValueList<string> Sections { get; }

    public ValueDictionary Assets { get; }

    public ValueList<OutputEntry> Outputs { get; }

    public ValueList<SiteDiagnostic> OutputConflicts { get; }

    public ValueList<string> OutputPaths { get; }

    public ValueList<SiteDiagnostic> LinkProblems { get; }

    public ValueList<string> DataNames { get; }

    public ValueList<SiteDiagnostic> DataProblems { get; }

    public TermIndex RelatedIndex { get; }

    public OutputClaims Claims { get; }

    /// <summary>A site file's text (strict UTF-8).</summary>
    public string Text(string file);

    /// <summary>True when the site file exists.</summary>
    public bool FileExists(string file);

    /// <summary>True when the site's file list has the file (adapt.yaml: when it exists).</summary>
    public bool HasFile(string path);

    /// <summary>A site file's bytes.</summary>
    public byte[] FileBytes(string file);

    /// <summary>A page's front matter YAML ("" when none).</summary>
    public string FrontMatterSource(string source);

    /// <summary>A page's Markdown body and the line it starts on.</summary>
    public PageBody BodySource(string source);

    public FrontMatter Meta(string source);

    public bool IsPublished(string source);

    /// <summary>The pages whose summary a page includes (<c>{{&lt; summary "x.md" &gt;}}</c>).</summary>
    public ValueList<string> Includes(string source);

    /// <summary>True when a page's file is empty or only white space.</summary>
    public bool IsEmpty(string source);

    /// <summary>Warnings about pages (empty files).</summary>
    public ValueList<SiteDiagnostic> ContentWarnings { get; }

    /// <summary>True when drafts are built (option or configuration).</summary>
    public bool ShowsDrafts { get; }

    /// <summary>True when a page dated <paramref name="utcTicks"/> is built now.</summary>
    public bool IsDue(long utcTicks);

    public string Url(string source);

    public RenderedMarkdown Rendered(string source);

    public string? UrlOfSource(string source);

    public ValueList<string> SectionPages(string section);

    public ValueList<TermPages> Terms(string taxonomy);

    public ValueList<string> Related(string source);

    public string? Previous(string source);

    public string? Next(string source);

    public ValueList<MenuItem> Menu(string name);

    public TemplateSource? Layout(string name);

    public byte[] AssetBytes(string path);

    public string PageHtml(string source);

    public string Summary(string source);

    public int WordCount(string source);

    public int ReadingMinutes(string source);

    public ValueList<string> PageTerms(string source);

    public PositionIndex SectionPositions(string section);

    public byte[] Output(string key);

    public ValueList<string> LinksOf(string key, string path);

    public ValueList<string> BrokenLinks(string key, string path);

    public object? Data(string name);
}
