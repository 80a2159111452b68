using System.Globalization;
using Adaptive.Core;
using Adaptive.Core.Plumbing;

namespace Adaptive.Site;

/// <summary>
/// One value of a site, declared once, next to its computation in <see cref="SiteLogic"/>: its
/// name, how to compute it, and how the trace keeps it. Both strategies read it through
/// <see cref="ISiteModel.Get{T}(SiteValue{T})"/>: the adaptive <see cref="Site"/> binds it to a
/// memo (so reading it records a dependency), the phased model to a table filled once per build.
/// </summary>
/// <remarks>
/// Invariants: names are unique (a second declaration of one is an error when the type
/// initializes); every descriptor is a static field of <see cref="SiteLogic"/>, created before
/// the first site or phased model exists, so <see cref="Count"/> is final by then.
/// </remarks>
internal abstract class SiteValue
{
    private static readonly List<SiteValue> s_all = [];
    private static readonly Dictionary<string, SiteValue> s_byName = new(StringComparer.Ordinal);

    private protected SiteValue(string name, SiteValueRole role, bool eager)
    {
        Name = name;
        Role = role;
        Eager = eager;
        lock (s_all)
        {
            if (!s_byName.TryAdd(name, this))
            {
                throw new InvalidOperationException("two site values are named " + name);
            }

            Id = s_all.Count;
            s_all.Add(this);
        }
    }

    /// <summary>The memo's member name (<c>Site.Meta</c>): the trace's and the phased cache's key.</summary>
    public string Name { get; }

    /// <summary>The descriptor's index among all of them (the slot of its memo in a site).</summary>
    public int Id { get; }

    /// <summary>How the phased model records and caches reads of the value.</summary>
    public SiteValueRole Role { get; }

    /// <summary>Recomputed as soon as an input changes (see <c>[Memo(Eager = true)]</c>).</summary>
    public bool Eager { get; }

    /// <summary>How many values a site has.</summary>
    public static int Count
    {
        get
        {
            SiteLogic.EnsureDeclared();
            lock (s_all)
            {
                return s_all.Count;
            }
        }
    }

    /// <summary>The value named <paramref name="name"/>, or null (a cache written by other code).</summary>
    public static SiteValue? Find(string name)
    {
        SiteLogic.EnsureDeclared();
        lock (s_all)
        {
            return s_byName.GetValueOrDefault(name);
        }
    }

    /// <summary>Reads the value for a key written as <see cref="KeyText{TKey}"/> (the phased
    /// cache checking a recorded read).</summary>
    public abstract object? Read(ISiteModel model, string argument);

    /// <summary>Computes the value for a key written as <see cref="KeyText{TKey}"/> (the phased
    /// model filling its table).</summary>
    public abstract object? ComputeFor(SiteLogic logic, string argument);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A value the site has once (the configuration, the list of pages).</summary>
internal sealed class SiteValue<T> : SiteValue
{
    public SiteValue(
        string name, Func<SiteLogic, T> compute, IValueCodec<T>? codec = null, IEqualityComparer<T>? comparer = null,
        SiteValueRole role = SiteValueRole.Recorded, bool eager = false)
        : base(name, role, eager)
    {
        Compute = compute;
        Codec = codec;
        Comparer = comparer;
        // Made with the value: it registers the memo with the trace, so a new process finds a
        // stored memo by name before its first read.
        Member = new(name, Site.CodeOf(name), site => compute(site.Logic), site => site.MemoOf(this));
    }

    public Func<SiteLogic, T> Compute { get; }

    public IValueCodec<T>? Codec { get; }

    public IEqualityComparer<T>? Comparer { get; }

    /// <summary>The runtime's description of the value's memo in a <see cref="Site"/>.</summary>
    public MemoMember<Site, T> Member { get; }

    public override object? Read(ISiteModel model, string argument) => model.Get(this);

    public override object? ComputeFor(SiteLogic logic, string argument) => Compute(logic);
}

/// <summary>A value the site has per key (a page's front matter, an output's bytes).</summary>
internal sealed class SiteTable<TKey, T> : SiteValue
    where TKey : notnull
{
    public SiteTable(
        string name, Func<SiteLogic, TKey, T> compute, IValueCodec<T>? codec = null, IEqualityComparer<T>? comparer = null,
        SiteValueRole role = SiteValueRole.Recorded, bool eager = false)
        : base(name, role, eager)
    {
        Compute = compute;
        Codec = codec;
        Comparer = comparer;
        Member = new(name, Site.CodeOf(name), (site, key) => compute(site.Logic, key), site => site.TableOf(this));
    }

    public Func<SiteLogic, TKey, T> Compute { get; }

    public IValueCodec<T>? Codec { get; }

    public IEqualityComparer<T>? Comparer { get; }

    /// <summary>The runtime's description of the value's memo table in a <see cref="Site"/>.</summary>
    public KeyedMemoMember<Site, TKey, T> Member { get; }

    public override object? Read(ISiteModel model, string argument) => model.Get(this, KeyText<TKey>.Parse(argument));

    public override object? ComputeFor(SiteLogic logic, string argument) => Compute(logic, KeyText<TKey>.Parse(argument));
}

/// <summary>How the strategies treat reads of a value beyond caching it (flags).</summary>
[Flags]
internal enum SiteValueRole
{
    /// <summary>Cached for the build; a read while an output renders is recorded with its hash.</summary>
    Recorded = 0,

    /// <summary>A fact about one page's own file: recorded as a dependency on that page.</summary>
    PageFact = 1,

    /// <summary>Read across pages by Markdown (a cross-reference, an included summary): the
    /// reading page's rendering also depends on the page read.</summary>
    CrossReference = 2,

    /// <summary>Part of the output reading it (an output, a page's HTML): its own reads are the
    /// reader's, and it is not itself recorded.</summary>
    Transparent = 4,

    /// <summary>Not a memo of its own in the adaptive site: computed inside its reader (a page's
    /// HTML, whose output's bytes cut a change off just as well).</summary>
    Inline = 8,

    /// <summary>Cheap and different in every process (the clock): computed at each read by the
    /// phased model, never recorded (its inputs are).</summary>
    Direct = 16,
}

/// <summary>A key as the phased cache writes it: strings as they are, numbers invariant, a pair
/// joined at NUL (neither part ever holds one: file names cannot, URLs with one are refused).</summary>
internal static class KeyText<TKey>
    where TKey : notnull
{
    public static readonly Func<TKey, string> Format = (Func<TKey, string>)FormatOf();

    public static readonly Func<string, TKey> Parse = (Func<string, TKey>)ParseOf();

    private static object FormatOf() => typeof(TKey) == typeof(string) ? static (string s) => s
        : typeof(TKey) == typeof(long) ? static (long n) => n.ToString(CultureInfo.InvariantCulture)
        : typeof(TKey) == typeof((string, string)) ? static ((string, string) pair) => pair.Item1 + "\0" + pair.Item2
        : throw new NotSupportedException("a site value keyed by " + typeof(TKey));

    private static object ParseOf() => typeof(TKey) == typeof(string) ? static (string s) => s
        : typeof(TKey) == typeof(long) ? static (string s) => long.Parse(s, CultureInfo.InvariantCulture)
        : typeof(TKey) == typeof((string, string)) ? static (string s) => (s[..s.IndexOf('\0', StringComparison.Ordinal)], s[(s.IndexOf('\0', StringComparison.Ordinal) + 1)..])
        : throw new NotSupportedException("a site value keyed by " + typeof(TKey));
}
