using System.Globalization;
using System.Text;
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

    private ValueList<string> ComputeLinksOf(string key, string path) =>
        LinkExtractor.Internal(Encoding.UTF8.GetString(Output(key)), UrlOfPath(path), Config.BaseUrl);

    private ValueList<string> ComputeOutputPaths() => new(Outputs.Select(static e => e.Path));

    private ValueList<string> ComputeBrokenLinks(string key, string path)
    {
        ValueList<string> links = LinksOf(key, path);
        ValueList<string> outputs = OutputPaths;
        List<string>? broken = null;
        foreach (string link in links)
        {
            if (!LinkExtractor.Exists(link, outputs))
            {
                (broken ??= []).Add(link);
            }
        }

        return broken is null ? ValueList<string>.Empty : new ValueList<string>(broken);
    }

    private ValueList<SiteDiagnostic> ComputeLinkProblems()
    {
        LinkCheck check = Config.LinkCheck;
        if (check == LinkCheck.Off)
        {
            return ValueList<SiteDiagnostic>.Empty;
        }

        // One diagnostic per broken target, however many pages carry it (a broken menu link is
        // one problem, not one per page).
        var pagesByLink = new SortedDictionary<string, List<OutputEntry>>(StringComparer.Ordinal);
        foreach (OutputEntry entry in Outputs)
        {
            if (!IsHtml(entry.Path))
            {
                continue;
            }

            ValueList<string> broken;
            try
            {
                broken = BrokenLinks(entry.Key, entry.Path);
            }
            catch (SiteException)
            {
                continue; // the output failed: its own error is reported
            }

            foreach (string link in broken)
            {
                if (!pagesByLink.TryGetValue(link, out List<OutputEntry>? pages))
                {
                    pagesByLink[link] = pages = [];
                }

                pages.Add(entry);
            }
        }

        DiagnosticSeverity severity = check == LinkCheck.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        var problems = new List<SiteDiagnostic>();
        foreach ((string link, List<OutputEntry> pages) in pagesByLink)
        {
            (string file, int line, OutputEntry origin) = Origin(link, pages);
            string where = origin.Path;
            if (pages.Count > 1)
            {
                var others = new List<string>();
                foreach (OutputEntry page in pages)
                {
                    if (page != origin && others.Count < 3)
                    {
                        others.Add(page.Path);
                    }
                }

                where += string.Create(CultureInfo.InvariantCulture, $" and {pages.Count - 1} other page{(pages.Count == 2 ? string.Empty : "s")} ({string.Join(", ", others)}{(pages.Count - 1 > others.Count ? ", …" : string.Empty)})");
            }

            problems.Add(new SiteDiagnostic(file, line, 0,
                $"broken link to '{link}' in {where}: no page or file is published there. Fix the link, or publish the target", severity));
        }

        return new ValueList<SiteDiagnostic>(problems);
    }

    /// <summary>Where a broken link comes from: the first page whose source contains it (with
    /// the line), else adapt.yaml when a menu holds it, else the first output's source file
    /// (its section's <c>_index.md</c>, …) when it exists, else the output itself.</summary>
    private (string File, int Line, OutputEntry Origin) Origin(string link, List<OutputEntry> pages)
    {
        foreach (OutputEntry page in pages)
        {
            if (page.Source.StartsWith("content/", StringComparison.Ordinal) && LineOf(page.Source, link) is > 0 and int line)
            {
                return (page.Source, line, page);
            }
        }

        if (Input(SiteConfigParser.FileName).Exists && LineOf(SiteConfigParser.FileName, link) is > 0 and int configLine)
        {
            return (SiteConfigParser.FileName, configLine, pages[0]);
        }

        foreach (OutputEntry page in pages)
        {
            if (Files.Content.BinarySearch(page.Source, StringComparer.Ordinal) >= 0)
            {
                return (page.Source, 0, page);
            }
        }

        return (pages[0].Path, 0, pages[0]);
    }

    /// <summary>The line of a site file that contains <paramref name="link"/> (after <c>(</c>, a
    /// quote or a space, as Markdown, HTML and YAML write it), 0 when none does.</summary>
    private int LineOf(string file, string link)
    {
        string text;
        try
        {
            text = Text(file);
        }
        catch (SiteException)
        {
            return 0;
        }

        foreach (string prefix in (string[])["(", "\"", "'", " "])
        {
            int at = text.IndexOf(prefix + link, StringComparison.Ordinal);
            if (at >= 0)
            {
                return 1 + text.AsSpan(0, at).Count('\n');
            }
        }

        return 0;
    }
}
