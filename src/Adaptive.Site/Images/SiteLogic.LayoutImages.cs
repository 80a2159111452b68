// Processed images asked for by layouts ({{image images page.params.cover width=1200}}): which
// variants a layout asks for is known only by rendering it, so a site whose layouts use the helper
// renders its HTML outputs through a value that keeps, with the bytes, the variants the render
// asked for, and publishes those variants after the outputs the site lists without rendering.
// A site whose layouts do not use the helper (the default theme's) pays one check per layout edit.
using System.Text.RegularExpressions;
using Adaptive.Core;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>True when a layout or partial (the site's or the default theme's; shortcode
    /// templates have their own way) calls the <c>image</c> helper. A false positive costs a
    /// memo per HTML output, never a wrong output.</summary>
    internal static readonly SiteValue<bool> LayoutsUseImages = new("Site.LayoutsUseImages", static s => s.ComputeLayoutsUseImages());

    /// <summary>An HTML output rendered through its layout, with the image variants the layout
    /// asked for (only on sites whose layouts use the helper). The trace keeps a fingerprint:
    /// the output's file has the bytes.</summary>
    internal static readonly SiteTable<string, LayoutRender> RenderedOutput = new(
        "Site.RenderedOutput", static (s, key) => s.ComputeRenderedOutput(key), SiteCodecs.LayoutRender, LayoutRender.ContentComparer, SiteValueRole.Transparent);

    /// <summary>The variants (<c>file?spec</c>) an output's layout asked for; empty for an output
    /// without a layout, or whose render failed (the output reports that itself). An edit that
    /// keeps a page's pictures stops here.</summary>
    internal static readonly SiteTable<string, ValueList<string>> OutputImages = new(
        "Site.OutputImages", static (s, key) => s.ComputeOutputImages(key), SiteCodecs.List);

    /// <summary>The outputs for the variants layouts ask for that no Markdown asks for too
    /// (sorted by path; attributed to the first output asking).</summary>
    internal static readonly SiteValue<ValueList<OutputEntry>> LayoutImages = new("Site.LayoutImages", static s => s.ComputeLayoutImages(), SiteCodecs.Outputs);

    private static readonly Regex s_imageHelper = new(@"(?:\{\{\{?[~#&]?|\()\s*image\s", RegexOptions.CultureInvariant);

    /// <summary>The output kinds rendered through a layout (the kind is the key's prefix).</summary>
    internal static bool HasLayout(string kind) => kind is "page" or "list" or "term" or "taxonomy" or "404";

    /// <summary>Whether the default theme's layouts call the helper: they never change, so
    /// they are read once per process, not at every layout edit.</summary>
    private static readonly Lazy<bool> s_themeUsesImages = new(static () =>
    {
        foreach (string file in DefaultTheme.Files)
        {
            if (file.StartsWith("layouts/", StringComparison.Ordinal) && CallsImageHelper(file, System.Text.Encoding.UTF8.GetString(DefaultTheme.File(file)!)))
            {
                return true;
            }
        }

        return false;
    });

    /// <summary>True when <paramref name="text"/>, the layout or partial <paramref name="file"/>,
    /// calls the helper (shortcode templates are left out: they have their own way).</summary>
    private static bool CallsImageHelper(string file, string text) =>
        !file.StartsWith("layouts/shortcodes/", StringComparison.Ordinal) && s_imageHelper.IsMatch(text);

    private bool ComputeLayoutsUseImages()
    {
        foreach (string file in Model.Files.Layouts)
        {
            if (file.StartsWith("layouts/shortcodes/", StringComparison.Ordinal))
            {
                continue; // not read: a shortcode template's edit does not reach this check
            }

            string text;
            try
            {
                text = Model.Text(file);
            }
            catch (SiteException)
            {
                continue; // not text: the outputs that use it report it, and the others are built
            }

            if (CallsImageHelper(file, text))
            {
                return true;
            }
        }

        return s_themeUsesImages.Value;
    }

    private LayoutRender ComputeRenderedOutput(string key)
    {
        (string kind, string argument) = OutputEntry.SplitKey(key);
        var used = new SortedSet<string>(StringComparer.Ordinal);
        byte[] bytes = Html(LayoutHtml(kind, argument, used));
        return new LayoutRender(bytes, new ValueList<string>([.. used]));
    }

    /// <summary>True for an output rendered through a layout (only those ask for images).</summary>
    internal static bool HasLayout(OutputEntry entry) => HasLayout(OutputEntry.SplitKey(entry.Key).Kind);

    private ValueList<string> ComputeOutputImages(string key)
    {
        if (!HasLayout(OutputEntry.SplitKey(key).Kind) || !Get(LayoutsUseImages))
        {
            return ValueList<string>.Empty;
        }

        try
        {
            return Get(RenderedOutput, key).Images;
        }
        catch (Exception ex) when (ex is SiteException or IOException or FormatException or (InvalidOperationException and not CycleException))
        {
            return ValueList<string>.Empty; // the output's own failure, reported by the build
        }
    }

    private ValueList<OutputEntry> ComputeLayoutImages()
    {
        if (!Get(LayoutsUseImages))
        {
            return ValueList<OutputEntry>.Empty;
        }

        ValueList<OutputEntry> claimed = Get(Claims).Entries;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (OutputEntry entry in claimed)
        {
            keys.Add(entry.Key);
        }

        var variants = new SortedDictionary<string, OutputEntry>(StringComparer.Ordinal);
        foreach (OutputEntry entry in claimed)
        {
            if (!HasLayout(entry))
            {
                continue; // no memo for an output that renders no layout
            }

            foreach (string variant in Get(OutputImages, entry.Key))
            {
                if (!keys.Contains("image:" + variant) && !variants.ContainsKey(variant))
                {
                    variants[variant] = new OutputEntry(VariantPath(variant), "image:" + variant, entry.Source);
                }
            }
        }

        var entries = new List<OutputEntry>(variants.Values);
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new ValueList<OutputEntry>(entries);
    }

    /// <summary>The outputs the site lists without rendering, and the variants its layouts ask
    /// for; a variant at a path already taken is a problem, and is not written.</summary>
    private OutputClaims Published()
    {
        OutputClaims claims = Get(Claims);
        ValueList<OutputEntry> variants = Get(LayoutImages);
        if (variants.Count == 0)
        {
            return claims;
        }

        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (OutputEntry entry in claims.Entries)
        {
            paths.Add(entry.Path);
        }

        var entries = new List<OutputEntry>(claims.Entries);
        var problems = new List<SiteDiagnostic>(claims.Problems);
        foreach (OutputEntry variant in variants)
        {
            if (paths.Add(variant.Path))
            {
                entries.Add(variant);
            }
            else
            {
                problems.Add(new SiteDiagnostic(variant.Source, 0, 0,
                    $"'{variant.Path}' (an image variant a layout asks for) is already an output (or differs from one only in letter case): rename the file in the way"));
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new OutputClaims(new ValueList<OutputEntry>(entries), new ValueList<SiteDiagnostic>(problems), claims.Disabled);
    }
}

/// <summary>An HTML output's bytes and the image variants its layout asked for.</summary>
internal sealed record LayoutRender(byte[] Bytes, ValueList<string> Images)
{
    /// <summary>Equal bytes and equal variants: an equal render stops a change.</summary>
    public static IEqualityComparer<LayoutRender> ContentComparer { get; } = new Comparer();

    private sealed class Comparer : IEqualityComparer<LayoutRender>
    {
        public bool Equals(LayoutRender? x, LayoutRender? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && ByteContentComparer.Instance.Equals(x.Bytes, y.Bytes) && x.Images.Equals(y.Images));

        public int GetHashCode(LayoutRender obj) => ByteContentComparer.Instance.GetHashCode(obj.Bytes);
    }
}
