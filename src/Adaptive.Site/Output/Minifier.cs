using NUglify;
using NUglify.Html;

namespace Adaptive.Site;

/// <summary>
/// HTML, CSS and JS outputs made smaller by NUglify (<c>--minify</c>, <c>minify: true</c>): white
/// space collapsed (never inside <c>pre</c> or <c>textarea</c>), comments removed, quotes
/// dropped where HTML allows, inline scripts and styles minified. Optional tags are kept (the
/// live-reload server finds <c>&lt;/body&gt;</c>), and so is one space where spaces collapse, so
/// text runs never join. A pure function of its input: both strategies write the same bytes.
/// </summary>
/// <remarks>Input NUglify reports errors for (malformed markup a template wrote, a script it
/// cannot parse) is written as it came: minifying must not change what a page does.</remarks>
internal static class Minifier
{
    private static readonly HtmlSettings s_html = CreateHtmlSettings();

    public static string Html(string html) => Keep(html, Uglify.Html(html, s_html));

    public static string Css(string css) => Keep(css, Uglify.Css(css));

    public static string Js(string js) => Keep(js, Uglify.Js(js));

    private static string Keep(string original, UglifyResult result) =>
        result.HasErrors || result.Code is null ? original : result.Code;

    // NUglify's defaults (white space collapsed, comments and optional quotes removed, inline
    // scripts and styles minified) but for the two exceptions the summary names.
    private static HtmlSettings CreateHtmlSettings() => new()
    {
        RemoveOptionalTags = false,
        KeepOneSpaceWhenCollapsing = true,
    };
}
