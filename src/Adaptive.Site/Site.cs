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
    private readonly object _listing = new();
    private Ref<SiteFiles>? _files; // created by the first listing (see the internal constructor)
    private readonly Ref<BuildOptions> _options; // without the time: a later clock changes only _clock
    private readonly Ref<DateTimeOffset?> _clock;
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
        options ??= new BuildOptions();
        _options = runtime.Ref(options with { Now = null }, "site.options", codec: SiteJson.Codec<BuildOptions>());
        _clock = runtime.Ref(options.Now, "site.clock", codec: SiteJson.Codec<DateTimeOffset?>());
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

    /// <summary>The build options. Kept as two inputs, the time apart from the rest, so that a
    /// later clock reaches only what compares dates with it.</summary>
    public BuildOptions Options
    {
        get => _options.Value with { Now = _clock.Value };
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Runtime.Batch(() =>
            {
                _options.Value = value with { Now = null };
                _clock.Value = value.Now;
            });
        }
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

    /// <summary>adapt.yaml (defaults when there is none).</summary>
    public SiteConfig Config => Get(SiteLogic.Config);

    /// <summary>Published regular pages (not section indexes), in list order: weight, then date
    /// (newest first), then title, then source.</summary>
    public ValueList<string> Pages => Get(SiteLogic.Pages);

    /// <summary>A page's front matter.</summary>
    public FrontMatter Meta(string source) => Get(SiteLogic.Meta, source);

    /// <summary>The page's URL.</summary>
    public string Url(string source) => Get(SiteLogic.Url, source);

    /// <summary>The page's body rendered, cross-references resolved.</summary>
    public RenderedMarkdown Rendered(string source) => Get(SiteLogic.Rendered, source);

    /// <summary>Every output file, sorted by path; one per path.</summary>
    public ValueList<OutputEntry> Outputs => Get(SiteLogic.Outputs);

    /// <summary>The bytes of the output with <paramref name="key"/> (see <see cref="OutputEntry"/>).</summary>
    public byte[] Output(string key) => Get(SiteLogic.Output, key);

    /// <summary>Every page date the pages compare with the clock (executed or taken from the
    /// trace): the keys of <see cref="SiteLogic.IsDue"/>'s memo table.</summary>
    internal ICollection<long> DatesAsked => (Volatile.Read(ref _memos[SiteLogic.IsDue.Id]) as MemoTable<long, bool>)?.Keys ?? [];

    /// <summary>The site's input files (relative path → input), as created so far.</summary>
    internal IEnumerable<KeyValuePair<string, FileInput>> InputFiles => _inputs;

    /// <summary>The memo behind the build's report (for observers).</summary>
    internal Memo<SiteReport> ReportMemo => MemoOf(SiteLogic.Report);

    /// <summary>The memo behind <see cref="Output"/> for <paramref name="key"/> (for observers).</summary>
    internal Memo<byte[]> OutputMemo(string key) => TableOf(SiteLogic.Output).GetMemo(key);

    /// <summary>In a single build: true when the trace proves the output <paramref name="key"/>
    /// unchanged; its memo is not created (see <see cref="MemoTable{TKey, TValue}.TryKeepStored"/>).</summary>
    internal bool TryKeepOutput(string key) => TableOf(SiteLogic.Output).TryKeepStored(key);

    /// <summary>True for <c>_index.md</c> files (a section's or the home page's own content).</summary>
    public static bool IsSectionIndex(string source) =>
        source.EndsWith("/_index.md", StringComparison.Ordinal) || source == "content/_index.md";

    /// <summary>How many related pages a page lists.</summary>
    public const int RelatedCount = 5;

    /// <summary>Layout lookup for a regular page in <paramref name="section"/> (top folder):
    /// <c>section/single</c>, <c>_default/single</c>; with a front-matter <paramref name="layout"/>,
    /// <c>section/layout</c>, <c>_default/layout</c> and nothing else (a layout that does not
    /// exist is an error, never a silent fallback).</summary>
    public static IEnumerable<string> SingleLayouts(string section, string? layout)
    {
        string name = layout ?? "single";
        if (section.Length > 0)
        {
            yield return section + "/" + name;
        }

        yield return "_default/" + name;
    }

    /// <summary>The URL an output file is served at: <c>blog/a/index.html</c> → <c>/blog/a/</c>.</summary>
    public static string UrlOfPath(string path) =>
        path == "index.html" ? "/" : path.EndsWith("/index.html", StringComparison.Ordinal) ? "/" + path[..^"index.html".Length] : "/" + path;

    /// <summary>True for the outputs whose links are checked.</summary>
    public static bool IsHtml(string path) => path.EndsWith(".html", StringComparison.Ordinal);
}
