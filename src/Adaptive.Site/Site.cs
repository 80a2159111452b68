using System.Collections.Concurrent;
using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>
/// A site as a graph of memos (docs/design/site.md). Inputs: the list of files
/// (<see cref="Rescan"/>), each file's bytes (<see cref="FileInput"/>, <see cref="Refresh"/>) and
/// the build options. Every derived value — the configuration, each page's front matter, URL and
/// HTML, the lists, the output bytes — is a <c>[Memo]</c> member, so after an edit only what
/// depends on the changed bytes is computed again, in this process or (with a trace store) in
/// the next one.
/// </summary>
public sealed partial class Site : AdaptiveObject
{
    private static readonly IValueCodec<SiteConfig> s_configCodec = SiteJson.Codec<SiteConfig>();
    // Fingerprint-only values are encoded at every save just to be hashed: binary records, not
    // JSON (escaping every '<' of a page's HTML cost a cold build's save ~0.2 s at 4,000 pages).
    private static readonly IValueCodec<PageBody> s_bodyCodec = Codec.FingerprintOnly(Codec.OrNull( // the file has it
        Codec.Record(Codec.String, Codec.Int32, static (PageBody b) => (b.Markdown, b.Line), static t => new PageBody(t.Item1, t.Item2))));
    private static readonly IValueCodec<FrontMatter> s_metaCodec = SiteJson.Codec<FrontMatter>();
    private static readonly IValueCodec<RenderedMarkdown> s_renderedCodec = Codec.FingerprintOnly(Codec.OrNull(Codec.Record( // cheap to render again
        Codec.Record(Codec.String, Codec.String, static ((string Html, string Summary) h) => h, static t => t),
        Codec.Map<ValueList<TocEntry>, IReadOnlyList<TocEntry>>(
            Codec.List(Codec.Record(Codec.Int32, Codec.String, Codec.String, static (TocEntry e) => (e.Level, e.Id, e.Text), static t => new TocEntry(t.Item1, t.Item2, t.Item3))),
            static toc => toc,
            static list => new ValueList<TocEntry>(list)),
        Codec.Record(Codec.Int32, Codec.Int32, static ((int Words, int Minutes) n) => n, static t => t),
        static (RenderedMarkdown r) => ((r.Html, r.SummaryHtml), r.Toc, (r.WordCount, r.ReadingMinutes)),
        static t => new RenderedMarkdown(t.Item1.Item1, t.Item1.Item2, t.Item2, t.Item3.Item1, t.Item3.Item2))));
    private static readonly IValueCodec<ValueList<string>> s_listCodec = SiteJson.Codec<ValueList<string>>();

    private readonly object _listing = new();
    private Ref<SiteFiles>? _files; // created by the first listing (see the internal constructor)
    private readonly Ref<BuildOptions> _options;
    private readonly ConcurrentDictionary<string, FileInput> _inputs = new(StringComparer.Ordinal);
    private readonly Lock[] _inputLocks = NewLocks(64);
    private readonly SiteLogic _logic;

    /// <summary>Creates the graph of the site at <paramref name="root"/> (nothing is read yet
    /// but the list of files).</summary>
    public Site(AdaptiveRuntime runtime, string root, BuildOptions? options = null)
        : this(runtime, root, options, listNow: true)
    {
    }

    /// <summary>As the public constructor; without <paramref name="listNow"/> the site's folder is
    /// listed by the first <see cref="Rescan"/> or read of <see cref="Files"/> instead (a builder
    /// lists it when it builds: listing it here too would walk the folder twice).</summary>
    internal Site(AdaptiveRuntime runtime, string root, BuildOptions? options, bool listNow)
        : base(runtime)
    {
        Root = Path.GetFullPath(root);
        _logic = new SiteLogic(this);
        _options = runtime.Ref(options ?? new BuildOptions(), "site.options", codec: SiteJson.Codec<BuildOptions>());
        runtime.RegisterResolver(InputKeyPrefix, ResolveInput); // a new process verifies stored pages against their files
        if (listNow)
        {
            _ = FilesCell;
        }
    }

    private const string InputKeyPrefix = "file:";

    /// <summary>The site's folder.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public override string Key => "site";

    /// <summary>The site's files at the last scan.</summary>
    public SiteFiles Files => FilesCell.Value;

    /// <summary>The listing's cell, created with the first listing of the folder.</summary>
    private Ref<SiteFiles> FilesCell => Volatile.Read(ref _files) ?? ListFirst(out _);

    private Ref<SiteFiles> ListFirst(out bool created)
    {
        lock (_listing)
        {
            created = _files is null;
            if (_files is null)
            {
                // The listing the output folder's seal was built from, when every folder stamp
                // still holds (one stat per folder instead of reading them all); else a walk.
                SiteListing listing = BuildSeal.TakeListing(Root) is { } sealedListing && sealedListing.Holds(Root) ? sealedListing : SiteFiles.List(Root);
                Folders = listing.Folders;
                _files = Runtime.Ref(listing.Files, "site.files", codec: SiteJson.Codec<SiteFiles>());
            }

            return _files;
        }
    }

    /// <summary>The folder stamps of the last listing (null: it cannot be proven later).</summary>
    internal FolderStamp[]? Folders { get; private set; }

    /// <summary>The build options.</summary>
    public BuildOptions Options
    {
        get => _options.Value;
        set => _options.Value = value;
    }

    /// <summary>Lists the site's files again; true when the list changed.</summary>
    public bool Rescan()
    {
        if (Volatile.Read(ref _files) is null)
        {
            _ = ListFirst(out bool created);
            if (created)
            {
                return true; // the first listing
            }
        }

        SiteListing listing = SiteFiles.List(Root);
        SiteFiles files = listing.Files;
        Folders = listing.Folders;
        bool changed = !files.Equals(_files!.Value);
        _files.Value = files;
        return changed;
    }

    /// <summary>Re-reads a file (relative path) if it is an input of the graph; true when its
    /// content changed.</summary>
    public bool Refresh(string relative) => _inputs.TryGetValue(relative, out FileInput? input) && input.Refresh();

    /// <summary>Checks every input file again (a build in a process that did not watch the files).</summary>
    public void RefreshAll()
    {
        foreach (FileInput input in _inputs.Values)
        {
            input.Refresh();
        }
    }

    /// <summary>The input for a file of the site (relative path), created on first use.</summary>
    internal FileInput Input(string relative)
    {
        if (_inputs.TryGetValue(relative, out FileInput? input))
        {
            return input;
        }

        // Created under a lock: GetOrAdd alone may run its factory on two threads at once (the
        // green checks resolve inputs on every core), and a file's key is registered once. One
        // lock of several, chosen by the path: creating an input stats the file, and one lock for
        // all made the cores wait on each other (a fifth of a 100,000-page edit build).
        lock (_inputLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(relative) % (uint)_inputLocks.Length)])
        {
            return _inputs.GetOrAdd(relative, static (path, site) => site.Runtime.File(Path.Combine(site.Root, path), InputKeyPrefix + path), this);
        }
    }

    private static Lock[] NewLocks(int count)
    {
        var locks = new Lock[count];
        for (int i = 0; i < count; i++)
        {
            locks[i] = new Lock();
        }

        return locks;
    }

    private FileInput? ResolveInput(string key)
    {
        string relative = key[InputKeyPrefix.Length..];
        return relative.Length > 0 && !Path.IsPathRooted(relative) && !relative.Split('/').Contains("..") ? Input(relative) : null;
    }

    /// <summary>A file's text as strict UTF-8 (a byte order mark is dropped); invalid bytes are a
    /// diagnostic naming the file.</summary>
    internal string Text(string relative) => SiteText.Decode(relative, Bytes(relative));

    /// <summary>A file's bytes; a file that cannot be read (permissions, a folder in the way) is
    /// a diagnostic naming it, not a crash.</summary>
    internal byte[] Bytes(string relative)
    {
        try
        {
            return Input(relative).Content;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SiteText.Unreadable(relative, ex);
        }
    }

    /// <summary>True when the site has the file (by the last scan). Pages that only ask whether
    /// a section has an <c>_index.md</c> depend on this, not on the whole list of files.</summary>
    [Memo]
    public partial bool HasFile(string path);

    private bool ComputeHasFile(string path) => _logic.ComputeHasFile(path);

    /// <summary>adapt.yaml (defaults when there is none).</summary>
    [Memo(Codec = nameof(s_configCodec))]
    public partial SiteConfig Config { get; }

    /// <summary>A page's front matter YAML. Eager: recomputed as soon as the file changes, so a
    /// body edit stops here and never reaches the lists, taxonomies and menus built from front
    /// matter (docs/design/site.md, "Cutoffs that matter").</summary>
    [Memo(Eager = true)]
    internal partial string FrontMatterSource(string source);

    /// <summary>A page's Markdown body. Eager, like <see cref="FrontMatterSource"/>: a front
    /// matter edit that keeps the body stops here.</summary>
    [Memo(Eager = true, Codec = nameof(s_bodyCodec))]
    internal partial PageBody BodySource(string source);

    /// <summary>A page's front matter. Body-only edits stop here (cutoff).</summary>
    [Memo(Codec = nameof(s_metaCodec))]
    public partial FrontMatter Meta(string source);

    /// <summary>True when the page is built: not a draft and not dated in the future, unless
    /// enabled.</summary>
    [Memo]
    public partial bool IsPublished(string source);

    /// <summary>The pages whose summary a page includes (<c>{{&lt; summary "x.md" &gt;}}</c>): what
    /// finding a cycle through page content walks, without rendering anything.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    internal partial ValueList<string> Includes(string source);

    /// <summary>True when the page's file is empty or white space. Eager, like the sources: an
    /// edit that keeps a page non-empty stops here.</summary>
    [Memo(Eager = true)]
    internal partial bool IsEmpty(string source);

    /// <summary>Warnings about pages that build but are probably not what the author meant (empty files).</summary>
    [Memo(Codec = nameof(s_diagnosticsCodec))]
    internal partial ValueList<SiteDiagnostic> ContentWarnings { get; }

    /// <summary>True when drafts are built (<see cref="BuildOptions.Drafts"/> or <c>buildDrafts</c>).</summary>
    [Memo]
    internal partial bool ShowsDrafts { get; }

    /// <summary>True when a page dated <paramref name="utcTicks"/> is built now (the clock, <see
    /// cref="BuildOptions.Future"/>, <c>buildFuture</c>). One per distinct date.</summary>
    [Memo]
    internal partial bool IsDue(long utcTicks);

    /// <summary>The page's URL.</summary>
    [Memo]
    public partial string Url(string source);

    /// <summary>The page's body rendered, cross-references resolved.</summary>
    [Memo(Codec = nameof(s_renderedCodec))]
    public partial RenderedMarkdown Rendered(string source);

    /// <summary>The URL of the published page whose source is <paramref name="source"/> (for
    /// cross-references), or null.</summary>
    [Memo]
    public partial string? UrlOfSource(string source);

    /// <summary>Published regular pages (not section indexes), in list order: weight, then date
    /// (newest first), then title, then source.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> Pages { get; }

    /// <summary>Regular pages whose front matter cannot be read: left out of every list (each
    /// still reports its diagnostic through its own output), so the rest of the site builds.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> BrokenPages { get; }

    /// <summary>The published regular pages directly in a section folder ("" for the top), in list order.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> SectionPages(string section);

    private SiteConfig ComputeConfig() => _logic.ComputeConfig();

    private string ComputeFrontMatterSource(string source) => _logic.ComputeFrontMatterSource(source);

    private PageBody ComputeBodySource(string source) => _logic.ComputeBodySource(source);

    private FrontMatter ComputeMeta(string source) => _logic.ComputeMeta(source);

    private bool ComputeIsPublished(string source) => _logic.ComputeIsPublished(source);

    private bool ComputeShowsDrafts() => _logic.ComputeShowsDrafts();

    private bool ComputeIsEmpty(string source) => _logic.ComputeIsEmpty(source);

    private ValueList<SiteDiagnostic> ComputeContentWarnings() => _logic.ComputeContentWarnings();

    private ValueList<string> ComputeIncludes(string source) => _logic.ComputeIncludes(source);

    private bool ComputeIsDue(long utcTicks) => _logic.ComputeIsDue(utcTicks);

    /// <summary>Every page date the pages compare with the clock (executed or taken from the
    /// trace): the keys of <see cref="IsDue"/>'s memo table.</summary>
    internal ICollection<long> DatesAsked => __memo_IsDue?.Keys ?? [];

    /// <summary>The site's input files (relative path → input), as created so far.</summary>
    internal IEnumerable<KeyValuePair<string, FileInput>> InputFiles => _inputs;

    private string ComputeUrl(string source) => _logic.ComputeUrl(source);

    private RenderedMarkdown ComputeRendered(string source) => _logic.ComputeRendered(source);

    private string? ComputeUrlOfSource(string source) => _logic.ComputeUrlOfSource(source);

    private ValueList<string> ComputeBrokenPages() => _logic.ComputeBrokenPages();

    private ValueList<string> ComputePages() => _logic.ComputePages();

    private ValueList<string> ComputeSectionPages(string section) => _logic.ComputeSectionPages(section);

    /// <summary>True for <c>_index.md</c> files (a section's or the home page's own content).</summary>
    public static bool IsSectionIndex(string source) =>
        source.EndsWith("/_index.md", StringComparison.Ordinal) || source == "content/_index.md";
}
