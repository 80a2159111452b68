using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    /// <summary>The internal links of the HTML output <paramref name="key"/>, written at
    /// <paramref name="path"/> (see <see cref="LinkExtractor"/>). An edit that keeps a page's
    /// links stops here.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> LinksOf(string key, string path);

    /// <summary>Every output path, sorted (changes only when outputs come or go).</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> OutputPaths { get; }

    /// <summary>The links of the HTML output <paramref name="key"/> that no output serves.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> BrokenLinks(string key, string path);

    /// <summary>Broken internal links of every HTML output, located in the file each output
    /// comes from (at the line that writes the link when that file is a page that contains it);
    /// warnings or errors following <c>build.links</c>.</summary>
    [Memo(Codec = nameof(s_diagnosticsCodec))]
    public partial ValueList<SiteDiagnostic> LinkProblems { get; }

    /// <summary>The URL an output file is served at: <c>blog/a/index.html</c> → <c>/blog/a/</c>.</summary>
    public static string UrlOfPath(string path) =>
        path == "index.html" ? "/" : path.EndsWith("/index.html", StringComparison.Ordinal) ? "/" + path[..^"index.html".Length] : "/" + path;

    /// <summary>True for the outputs whose links are checked.</summary>
    public static bool IsHtml(string path) => path.EndsWith(".html", StringComparison.Ordinal);

    private ValueList<string> ComputeLinksOf(string key, string path) => _logic.ComputeLinksOf(key, path);

    private ValueList<string> ComputeOutputPaths() => _logic.ComputeOutputPaths();

    private ValueList<string> ComputeBrokenLinks(string key, string path) => _logic.ComputeBrokenLinks(key, path);

    private ValueList<SiteDiagnostic> ComputeLinkProblems() => _logic.ComputeLinkProblems();
}
