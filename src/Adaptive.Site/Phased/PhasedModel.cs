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

    public DateTimeOffset? Now => Options.Now;

    /// <summary>The pages each rendered page's Markdown cross-referenced (for the cache).</summary>
    public IReadOnlyDictionary<string, string[]> CrossReferences => _xrefs;

    /// <summary>Links of outputs this build did not render, from the cache (path → links).</summary>
    public Func<string, string, ValueList<string>?> CachedLinks { get; set; } = static (_, _) => null;

    /// <summary>Image variants the layouts of outputs this build did not render asked for, from
    /// the cache (output key → variants).</summary>
    public Func<string, ValueList<string>?> CachedImages { get; set; } = static _ => null;

    // The model's two inputs besides the listing, recorded like values under these kinds (the
    // values' own kinds are their names, which all start with "Site.").
    internal const string TextKind = "text";
    internal const string BytesKind = "fileBytes";

    public string Text(string file) => Get<string>(TextKind, file, SiteValueRole.Recorded, null);

    public bool FileExists(string file) => File.Exists(Path.Combine(_root, file));

    public byte[] FileBytes(string file) => Get<byte[]>(BytesKind, file, SiteValueRole.Recorded, null);

    public T Get<T>(SiteValue<T> value) =>
        (value.Role & SiteValueRole.Direct) != 0 ? value.Compute(Logic) : Get<T>(value.Name, string.Empty, value.Role, value);

    public T Get<TKey, T>(SiteTable<TKey, T> table, TKey key)
        where TKey : notnull
    {
        if ((table.Role & SiteValueRole.Direct) != 0)
        {
            return table.Compute(Logic, key);
        }

        string argument = KeyText<TKey>.Format(key);
        if ((table.Role & SiteValueRole.CrossReference) != 0)
        {
            t_xrefs?.Add(argument); // what the reader renders changes with that page (and what it includes)
        }

        return Get<T>(table.Name, argument, table.Role, table);
    }

    /// <summary>Renders one output, recording what it reads into <paramref name="recorder"/>.</summary>
    public byte[] Render(string key, DependencyRecorder recorder)
    {
        DependencyRecorder? outer = t_recorder;
        t_recorder = recorder;
        try
        {
            return Get(SiteLogic.Output, key);
        }
        finally
        {
            t_recorder = outer;
        }
    }

    /// <summary>The value of a recorded read (for checking whether it changed since the last build).</summary>
    public object? Value(string kind, string argument) =>
        kind switch
        {
            TextKind => Text(argument),
            BytesKind => FileBytes(argument),
            _ => (SiteValue.Find(kind) ?? throw new InvalidOperationException("unknown site value " + kind)).Read(this, argument),
        };

    private T Get<T>(string kind, string argument, SiteValueRole role, SiteValue? value)
    {
        bool transparent = (role & SiteValueRole.Transparent) != 0;
        if (!transparent && t_recorder is { } recorder && t_depth == 0)
        {
            recorder.Add(kind, argument, role);
        }

        (string, string) key = (kind, argument);
        if (!_values.TryGetValue(key, out Lazy<object?>? lazy))
        {
            lazy = _values.GetOrAdd(key, static (k, state) => new Lazy<object?>(() => state.Model.ComputeNested(k.Kind, k.Argument, state.Transparent, state.Value)), (Model: this, Transparent: transparent, Value: value));
        }

        return (T)lazy.Value!;
    }

    /// <summary>Computes a value with recording suspended (its own reads are not the output's),
    /// except for an output and its page HTML, whose reads are exactly what the output depends on.</summary>
    private object? ComputeNested(string kind, string argument, bool transparent, SiteValue? value)
    {
        if (!transparent)
        {
            t_depth++;
        }

        try
        {
            return value is null ? kind == TextKind ? SiteText.Decode(argument, FileBytes(argument)) : SiteText.ReadFile(_root, argument)
                : ReferenceEquals(value, SiteLogic.Meta) ? _cachedMeta(argument) ?? SiteLogic.Meta.Compute(Logic, argument)
                : ReferenceEquals(value, SiteLogic.Rendered) ? RenderMarkdown(argument)
                : ReferenceEquals(value, SiteLogic.LinksOf) ? LinksOfOutput(argument)
                : ReferenceEquals(value, SiteLogic.OutputImages) ? CachedImages(argument) ?? SiteLogic.OutputImages.Compute(Logic, argument)
                : value.ComputeFor(Logic, argument);
        }
        finally
        {
            if (!transparent)
            {
                t_depth--;
            }
        }
    }

    private RenderedMarkdown RenderMarkdown(string source)
    {
        List<string>? outer = t_xrefs;
        var targets = new List<string>();
        t_xrefs = targets;
        try
        {
            return SiteLogic.Rendered.Compute(Logic, source);
        }
        finally
        {
            t_xrefs = outer;
            _xrefs[source] = [.. targets.Distinct(StringComparer.Ordinal)];
        }
    }

    private ValueList<string> LinksOfOutput(string argument)
    {
        (string key, string path) = KeyText<(string, string)>.Parse(argument);
        return CachedLinks(key, path) ?? SiteLogic.LinksOf.Compute(Logic, (key, path));
    }
}

/// <summary>What one output read while it rendered: the pages it read anything of, and every
/// other value by kind and argument.</summary>
internal sealed class DependencyRecorder
{
    public HashSet<string> Pages { get; } = new(StringComparer.Ordinal);

    public HashSet<(string Kind, string Argument)> Values { get; } = [];

    /// <summary>Records a read: a fact about one page's own file (its front matter and body, and
    /// what follows from them alone) as a dependency on that page, anything else by kind.</summary>
    public void Add(string kind, string argument, SiteValueRole role)
    {
        if ((role & SiteValueRole.PageFact) != 0)
        {
            Pages.Add(argument);
        }
        else
        {
            Values.Add((kind, argument));
        }
    }
}
