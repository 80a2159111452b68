using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private static readonly IValueCodec<TemplateSource?> s_layoutCodec = SiteJson.Codec<TemplateSource?>();
    private static readonly IValueCodec<ValueDictionary> s_dictionaryCodec = SiteJson.Codec<ValueDictionary>();

    // Large values the trace keeps only fingerprints of: an asset's bytes are in its file, an
    // output's bytes are on disk (docs/design/trace.md).
    private static readonly IValueCodec<byte[]> s_fileBytesCodec = Codec.FingerprintOnly(Codec.Bytes);

    /// <summary>The layout <paramref name="name"/> (<c>_default/single</c>, <c>partials/header</c>):
    /// the site's <c>layouts/</c> file if there is one, else the default theme's, else null.</summary>
    [Memo(Codec = nameof(s_layoutCodec))]
    public partial TemplateSource? Layout(string name);

    /// <summary>Fingerprinted assets: path under <c>assets/</c> → URL with the content hash in
    /// the file name (<c>css/theme.css</c> → <c>/css/theme.1a2b3c4d.css</c>). The theme's assets
    /// are included unless the site has a file of the same path.</summary>
    [Memo(Codec = nameof(s_dictionaryCodec))]
    public partial ValueDictionary Assets { get; }

    /// <summary>The bytes of an asset (path under <c>assets/</c>): the site's file, else the theme's.</summary>
    [Memo(Comparer = nameof(s_bytes), Codec = nameof(s_fileBytesCodec))]
    public partial byte[] AssetBytes(string path);

    /// <summary>The HTML of a regular page, through its layout and the base layout. Not a memo
    /// of its own: computed inside the page's <see cref="Output"/>, whose bytes cut a change off
    /// just as well, so the page's HTML is not kept twice (as UTF-16 text and as the output's
    /// UTF-8 bytes: ~160 MB at 10,000 pages).</summary>
    public string PageHtml(string source) => _logic.ComputePageHtml(source);

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

    private TemplateSource? ComputeLayout(string name) => _logic.ComputeLayout(name);

    private ValueDictionary ComputeAssets() => _logic.ComputeAssets();

    private byte[] ComputeAssetBytes(string path) => _logic.ComputeAssetBytes(path);

    /// <summary>The summary as HTML: front matter's <c>summary</c> (escaped), else the text
    /// before <c>&lt;!--more--&gt;</c> or the first paragraph.</summary>
    [Memo]
    public partial string Summary(string source);

    /// <summary>The number of words of the page's body.</summary>
    [Memo]
    public partial int WordCount(string source);

    /// <summary>Minutes to read the page's body.</summary>
    [Memo]
    public partial int ReadingMinutes(string source);

    private string ComputeSummary(string source) => _logic.ComputeSummary(source);

    private int ComputeWordCount(string source) => _logic.ComputeWordCount(source);

    private int ComputeReadingMinutes(string source) => _logic.ComputeReadingMinutes(source);
}
