using System.Collections.Concurrent;

namespace Adaptive.Site.Phased;

/// <summary>
/// The site's values for one phased build, without the runtime: each value is computed once by
/// the shared <see cref="SiteLogic"/> (when a phase or a render first asks for it) and kept for
/// the rest of the build. Thread-safe for the parallel render phase; a failure is kept like a
/// value and thrown to every reader.
/// </summary>
/// <remarks>
/// While an output renders, the model records what it reads — the outermost reads only (what a
/// value was computed from is that value's business): the pages it read anything of, and every
/// other value by kind and argument. The incremental mode keeps these reads in its cache and
/// re-renders an output when one of them changed (see <see cref="PhasedBuilder"/>).
/// </remarks>
internal sealed class PhasedModel : ISiteModel
{
    [ThreadStatic]
    private static DependencyRecorder? t_recorder;

    [ThreadStatic]
    private static int t_depth;

    [ThreadStatic]
    private static List<string>? t_xrefs;

    private readonly string _root;
    private readonly ConcurrentDictionary<(string Kind, string Argument), Lazy<object?>> _values = new();
    private readonly Func<string, FrontMatter?> _cachedMeta;
    private readonly ConcurrentDictionary<string, string[]> _xrefs = new(StringComparer.Ordinal);

    public PhasedModel(string root, SiteFiles files, BuildOptions options, Func<string, FrontMatter?> cachedMeta)
    {
        _root = root;
        Files = files;
        Options = options;
        _cachedMeta = cachedMeta;
        Logic = new SiteLogic(this);
    }

    public SiteLogic Logic { get; }

    public SiteFiles Files { get; }

    public BuildOptions Options { get; }

    /// <summary>The pages each rendered page's Markdown cross-referenced (for the cache).</summary>
    public IReadOnlyDictionary<string, string[]> CrossReferences => _xrefs;

    public SiteConfig Config => Get<SiteConfig>("config", string.Empty);

    public ValueList<string> Pages => Get<ValueList<string>>("pages", string.Empty);

    public ValueList<string> BrokenPages => Get<ValueList<string>>("brokenPages", string.Empty);

    public ValueList<string> Sections => Get<ValueList<string>>("sections", string.Empty);

    public ValueDictionary Assets => Get<ValueDictionary>("assets", string.Empty);

    public ValueList<OutputEntry> Outputs => Claims.Entries;

    public ValueList<SiteDiagnostic> OutputConflicts => Claims.Problems;

    public ValueList<string> OutputPaths => Get<ValueList<string>>("outputPaths", string.Empty);

    public ValueList<SiteDiagnostic> LinkProblems => Get<ValueList<SiteDiagnostic>>("linkProblems", string.Empty);

    public ValueList<string> DataNames => Get<ValueList<string>>("dataNames", string.Empty);

    public ValueList<SiteDiagnostic> DataProblems => Get<ValueList<SiteDiagnostic>>("dataProblems", string.Empty);

    public TermIndex RelatedIndex => Get<TermIndex>("relatedIndex", string.Empty);

    public OutputClaims Claims => Get<OutputClaims>("claims", string.Empty);

    /// <summary>Links of outputs this build did not render, from the cache (path → links).</summary>
    public Func<string, string, ValueList<string>?> CachedLinks { get; set; } = static (_, _) => null;

    public string Text(string file) => Get<string>("text", file);

    public bool FileExists(string file) => File.Exists(Path.Combine(_root, file));

    public bool HasFile(string path) => Get<bool>("hasFile", path);

    public byte[] FileBytes(string file) => Get<byte[]>("fileBytes", file);

    public string FrontMatterSource(string source) => Get<string>("frontMatter", source);

    public PageBody BodySource(string source) => Get<PageBody>("body", source);

    public FrontMatter Meta(string source) => Get<FrontMatter>("meta", source);

    public bool IsPublished(string source) => Get<bool>("published", source);

    public bool ShowsDrafts => Logic.ComputeShowsDrafts();

    public bool IsEmpty(string source) => Get<bool>("isEmpty", source);

    public ValueList<SiteDiagnostic> ContentWarnings => Get<ValueList<SiteDiagnostic>>("contentWarnings", string.Empty);

    public ValueList<string> Includes(string source)
    {
        t_xrefs?.Add(source); // an included summary changes with that page (and what it includes)
        return Get<ValueList<string>>("includes", source);
    }

    public bool IsDue(long utcTicks) => Logic.ComputeIsDue(utcTicks);

    public string Url(string source) => Get<string>("url", source);

    public RenderedMarkdown Rendered(string source) => Get<RenderedMarkdown>("rendered", source);

    public string? UrlOfSource(string source)
    {
        t_xrefs?.Add(source);
        return Get<string?>("urlOfSource", source);
    }

    public ValueList<string> SectionPages(string section) => Get<ValueList<string>>("sectionPages", section);

    public ValueList<TermPages> Terms(string taxonomy) => Get<ValueList<TermPages>>("terms", taxonomy);

    public ValueList<string> Related(string source) => Get<ValueList<string>>("related", source);

    public string? Previous(string source) => Get<string?>("prev", source);

    public string? Next(string source) => Get<string?>("next", source);

    public ValueList<MenuItem> Menu(string name) => Get<ValueList<MenuItem>>("menu", name);

    public TemplateSource? Layout(string name) => Get<TemplateSource?>("layout", name);

    public byte[] AssetBytes(string path) => Get<byte[]>("assetBytes", path);

    public string PageHtml(string source) => Get<string>("pageHtml", source);

    public string Summary(string source) => Get<string>("summary", source);

    public int WordCount(string source) => Get<int>("words", source);

    public int ReadingMinutes(string source) => Get<int>("minutes", source);

    public ValueList<string> PageTerms(string source) => Get<ValueList<string>>("pageTerms", source);

    public PositionIndex SectionPositions(string section) => Get<PositionIndex>("sectionPositions", section);

    public byte[] Output(string key) => Get<byte[]>("output", key);

    public ValueList<string> LinksOf(string key, string path) => Get<ValueList<string>>("links", key + "\0" + path);

    public ValueList<string> BrokenLinks(string key, string path) => Get<ValueList<string>>("brokenLinks", key + "\0" + path);

    public object? Data(string name) => Get<object?>("data", name);

    /// <summary>Renders one output, recording what it reads into <paramref name="recorder"/>.</summary>
    public byte[] Render(string key, DependencyRecorder recorder)
    {
        DependencyRecorder? outer = t_recorder;
        t_recorder = recorder;
        try
        {
            return Output(key);
        }
        finally
        {
            t_recorder = outer;
        }
    }

    /// <summary>The value of a recorded read (for checking whether it changed since the last build).</summary>
    public object? Value(string kind, string argument) => Get<object?>(kind, argument);

    private T Get<T>(string kind, string argument)
    {
        bool transparent = kind is "output" or "pageHtml";
        if (!transparent && t_recorder is { } recorder && t_depth == 0)
        {
            recorder.Add(kind, argument);
        }

        (string, string) key = (kind, argument);
        if (!_values.TryGetValue(key, out Lazy<object?>? lazy))
        {
            lazy = _values.GetOrAdd(key, static (k, model) => new Lazy<object?>(() => model.ComputeNested(k.Kind, k.Argument)), this);
        }

        return (T)lazy.Value!;
    }

    /// <summary>Computes a value with recording suspended (its own reads are not the output's),
    /// except for an output and its page HTML, whose reads are exactly what the output depends on.</summary>
    private object? ComputeNested(string kind, string argument)
    {
        bool transparent = kind is "output" or "pageHtml";
        if (!transparent)
        {
            t_depth++;
        }

        try
        {
            return Compute(kind, argument);
        }
        finally
        {
            if (!transparent)
            {
                t_depth--;
            }
        }
    }

    private object? Compute(string kind, string a)
    {
        SiteLogic logic = Logic;
        switch (kind)
        {
            case "config": return logic.ComputeConfig();
            case "pages": return logic.ComputePages();
            case "brokenPages": return logic.ComputeBrokenPages();
            case "sections": return logic.ComputeSections();
            case "assets": return logic.ComputeAssets();
            case "outputPaths": return logic.ComputeOutputPaths();
            case "linkProblems": return logic.ComputeLinkProblems();
            case "dataNames": return logic.ComputeDataNames();
            case "dataProblems": return logic.ComputeDataProblems();
            case "relatedIndex": return logic.ComputeRelatedIndex();
            case "claims": return logic.ComputeClaims();
            case "text": return SiteText.Decode(a, FileBytes(a));
            case "hasFile": return logic.ComputeHasFile(a);
            case "fileBytes": return SiteText.ReadFile(_root, a);
            case "frontMatter": return logic.ComputeFrontMatterSource(a);
            case "body": return logic.ComputeBodySource(a);
            case "meta": return _cachedMeta(a) ?? logic.ComputeMeta(a);
            case "published": return logic.ComputeIsPublished(a);
            case "url": return logic.ComputeUrl(a);
            case "rendered": return RenderMarkdown(a);
            case "urlOfSource": return logic.ComputeUrlOfSource(a);
            case "sectionPages": return logic.ComputeSectionPages(a);
            case "terms": return logic.ComputeTerms(a);
            case "related": return logic.ComputeRelated(a);
            case "prev": return logic.ComputePrevious(a);
            case "next": return logic.ComputeNext(a);
            case "menu": return logic.ComputeMenu(a);
            case "layout": return logic.ComputeLayout(a);
            case "assetBytes": return logic.ComputeAssetBytes(a);
            case "pageHtml": return logic.ComputePageHtml(a);
            case "summary": return logic.ComputeSummary(a);
            case "includes": return logic.ComputeIncludes(a);
            case "isEmpty": return logic.ComputeIsEmpty(a);
            case "contentWarnings": return logic.ComputeContentWarnings();
            case "words": return logic.ComputeWordCount(a);
            case "minutes": return logic.ComputeReadingMinutes(a);
            case "pageTerms": return logic.ComputePageTerms(a);
            case "sectionPositions": return logic.ComputeSectionPositions(a);
            case "output": return logic.ComputeOutput(a);
            case "data": return logic.ComputeData(a);
            case "links":
            {
                (string key, string path) = Split(a);
                return CachedLinks(key, path) ?? logic.ComputeLinksOf(key, path);
            }

            case "brokenLinks":
            {
                (string key, string path) = Split(a);
                return logic.ComputeBrokenLinks(key, path);
            }

            default: throw new InvalidOperationException("unknown site value " + kind);
        }
    }

    private RenderedMarkdown RenderMarkdown(string source)
    {
        List<string>? outer = t_xrefs;
        var targets = new List<string>();
        t_xrefs = targets;
        try
        {
            return Logic.ComputeRendered(source);
        }
        finally
        {
            t_xrefs = outer;
            _xrefs[source] = [.. targets.Distinct(StringComparer.Ordinal)];
        }
    }

    // An output key and its path in one argument, split at NUL: neither ever holds one (file
    // names cannot, URLs with one are refused), while a URL from front matter may hold a newline.
    private static (string Key, string Path) Split(string argument)
    {
        int separator = argument.IndexOf('\0', StringComparison.Ordinal);
        return (argument[..separator], argument[(separator + 1)..]);
    }
}

/// <summary>What one output read while it rendered: the pages it read anything of, and every
/// other value by kind and argument.</summary>
internal sealed class DependencyRecorder
{
    /// <summary>Kinds that are facts about one page's own file (its front matter and body, and
    /// what follows from them alone): recorded as a dependency on that page.</summary>
    public static readonly HashSet<string> PageKinds = new(StringComparer.Ordinal)
    {
        "frontMatter", "body", "meta", "published", "url", "rendered", "urlOfSource", "summary", "words", "minutes", "pageTerms",
    };

    public HashSet<string> Pages { get; } = new(StringComparer.Ordinal);

    public HashSet<(string Kind, string Argument)> Values { get; } = [];

    public void Add(string kind, string argument)
    {
        if (PageKinds.Contains(kind))
        {
            Pages.Add(argument);
        }
        else
        {
            Values.Add((kind, argument));
        }
    }
}
