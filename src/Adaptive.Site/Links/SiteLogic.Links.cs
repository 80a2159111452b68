// The link check: each HTML output's internal links, the ones no output serves, and where each
// broken link is written.
using System.Globalization;
using System.Text;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The internal links of an HTML output (key, path written at; see
    /// <see cref="LinkExtractor"/>). An edit that keeps a page's links stops here.</summary>
    internal static readonly SiteTable<(string Key, string Path), ValueList<string>> LinksOf = new(
        "Site.LinksOf", static (s, output) => s.ComputeLinksOf(output.Key, output.Path), SiteCodecs.List);

    /// <summary>Every output path, sorted (changes only when outputs come or go).</summary>
    internal static readonly SiteValue<ValueList<string>> OutputPaths = new("Site.OutputPaths", static s => s.ComputeOutputPaths(), SiteCodecs.List);

    /// <summary>The links of an HTML output that no output serves.</summary>
    internal static readonly SiteTable<(string Key, string Path), ValueList<string>> BrokenLinks = new(
        "Site.BrokenLinks", static (s, output) => s.ComputeBrokenLinks(output.Key, output.Path), SiteCodecs.List);

    /// <summary>Broken internal links of every HTML output, located in the file each output
    /// comes from (at the line that writes the link when that file is a page that contains it);
    /// warnings or errors following <c>build.links</c>.</summary>
    internal static readonly SiteValue<ValueList<SiteDiagnostic>> LinkProblems = new("Site.LinkProblems", static s => s.ComputeLinkProblems(), SiteCodecs.Diagnostics);

    private ValueList<string> ComputeLinksOf(string key, string path) =>
        LinkExtractor.Internal(Encoding.UTF8.GetString(Get(Output, key)), Site.UrlOfPath(path), Get(Config).BaseUrl);

    /// <summary>Every path a link may point at: the outputs, and the paths of outputs whose kind
    /// adapt.yaml disables (a link to a disabled feed is not broken; the file is just not made).</summary>
    private ValueList<string> ComputeOutputPaths()
    {
        ValueList<OutputEntry> outputs = Get(Outputs);
        ValueList<string> disabled = Get(Claims).Disabled;
        var paths = new List<string>(outputs.Count + disabled.Count);
        foreach (OutputEntry entry in outputs)
        {
            paths.Add(entry.Path);
        }

        if (disabled.Count > 0)
        {
            paths.AddRange(disabled);
            paths.Sort(StringComparer.Ordinal);
        }

        return new ValueList<string>(paths);
    }

    private ValueList<string> ComputeBrokenLinks(string key, string path)
    {
        ValueList<string> links = Get(LinksOf, (key, path));
        ValueList<string> outputs = Get(OutputPaths);
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
        LinkCheck check = Get(Config).LinkCheck;
        if (check == LinkCheck.Off)
        {
            return ValueList<SiteDiagnostic>.Empty;
        }

        // One diagnostic per broken target, however many pages carry it (a broken menu link is
        // one problem, not one per page).
        var pagesByLink = new SortedDictionary<string, List<OutputEntry>>(StringComparer.Ordinal);
        foreach (OutputEntry entry in Get(Outputs))
        {
            if (!Site.IsHtml(entry.Path))
            {
                continue;
            }

            ValueList<string> broken;
            try
            {
                broken = Get(BrokenLinks, (entry.Key, entry.Path));
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

    /// <summary>The line of a site file that contains <paramref name="link"/> (after <c>(</c>, a
    /// quote or a space, as Markdown, HTML and YAML write it), 0 when none does.</summary>
    internal int LineOf(string file, string link)
    {
        string text;
        try
        {
            text = Model.Text(file);
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

    /// <summary>Where a broken link comes from: the first page whose source contains it (with
    /// the line), else adapt.yaml when a menu holds it, else the first output's source file
    /// (its section's <c>_index.md</c>, …) when it exists, else the output itself.</summary>
    internal (string File, int Line, OutputEntry Origin) Origin(string link, List<OutputEntry> pages)
    {
        foreach (OutputEntry page in pages)
        {
            if (page.Source.StartsWith("content/", StringComparison.Ordinal) && Get(HasFile, page.Source) && LineOf(page.Source, link) is > 0 and int line)
            {
                return (page.Source, line, page);
            }
        }

        if (Model.FileExists(SiteConfigParser.FileName) && LineOf(SiteConfigParser.FileName, link) is > 0 and int configLine)
        {
            return (SiteConfigParser.FileName, configLine, pages[0]);
        }

        foreach (OutputEntry page in pages)
        {
            if (Get(HasFile, page.Source))
            {
                return (page.Source, 0, page);
            }
        }

        return (pages[0].Path, 0, pages[0]);
    }
}
