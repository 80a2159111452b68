using System.Globalization;
using System.Text;
using System.Text.Json;
using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private const int FeedItems = 20;

    private static readonly IValueCodec<ValueList<OutputEntry>> s_outputsCodec = SiteJson.Codec<ValueList<OutputEntry>>();
    private static readonly IValueCodec<ValueList<SiteDiagnostic>> s_diagnosticsCodec = SiteJson.Codec<ValueList<SiteDiagnostic>>();
    private static readonly IEqualityComparer<byte[]> s_bytes = ByteContentComparer.Instance;
    private static readonly IValueCodec<SiteReport> s_reportCodec = SiteJson.Codec<SiteReport>();
    private static readonly IValueCodec<OutputClaims> s_claimsCodec = SiteJson.Codec<OutputClaims>();

    /// <summary>Every output file, sorted by path; one per path (see <see cref="OutputConflicts"/>).</summary>
    [Memo(Codec = nameof(s_outputsCodec))]
    public partial ValueList<OutputEntry> Outputs { get; }

    /// <summary>Problems found while listing outputs: two sources claiming one path, URLs that
    /// would leave the output folder.</summary>
    [Memo(Codec = nameof(s_diagnosticsCodec))]
    public partial ValueList<SiteDiagnostic> OutputConflicts { get; }

    /// <summary>The bytes of the output with <paramref name="key"/> (see <see cref="OutputEntry"/>).
    /// Keyed by what it renders, not by its path, so it never depends on the list of outputs.
    /// Compared by content: equal bytes stop the change here.</summary>
    [Memo(Comparer = nameof(s_bytes))]
    public partial byte[] Output(string key);

    /// <summary>Every folder under <c>content/</c> that holds pages or an <c>_index.md</c>, with
    /// its ancestors; "" is the home page.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> Sections { get; }

    [Memo(Codec = nameof(s_claimsCodec))]
    private partial OutputClaims Claims { get; }

    /// <summary>What a build reports besides the output bytes: the outputs, the number of pages
    /// and every problem found listing outputs, reading data files and checking links. Observed
    /// by the builder, so a new process finds all of it in the trace.</summary>
    [Memo(Codec = nameof(s_reportCodec))]
    internal partial SiteReport Report { get; }

    /// <summary>The memo behind <see cref="Report"/> (for observers).</summary>
    internal Memo<SiteReport> ReportMemo =>
        __memo_Report ?? __memoMember_Report.Create(ref __memo_Report, this, Runtime, codec: s_reportCodec); // same arguments as [Memo] passes

    private SiteReport ComputeReport()
    {
        var problems = new List<SiteDiagnostic>(OutputConflicts);
        problems.AddRange(DataProblems);
        problems.AddRange(LinkProblems);
        return new SiteReport(Outputs, Pages.Count, new ValueList<SiteDiagnostic>(problems));
    }

    /// <summary>The memo behind <see cref="Output"/> for <paramref name="key"/> (for observers).</summary>
    internal Memo<byte[]> OutputMemo(string key) =>
        (__memo_Output ?? __memoMember_Output.Create(ref __memo_Output, this, Runtime, comparer: s_bytes)).GetMemo(key); // the generated table of Output: same arguments as [Memo] passes

    private ValueList<OutputEntry> ComputeOutputs() => Claims.Entries;

    private ValueList<SiteDiagnostic> ComputeOutputConflicts() => Claims.Problems;

    private ValueList<string> ComputeSections()
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (string source in Files.Content)
        {
            if (!IsListed(source))
            {
                continue;
            }

            string folder = Permalinks.Split(source).Folder;
            while (folder.Length > 0)
            {
                folders.Add(folder);
                int slash = folder.LastIndexOf('/');
                folder = slash < 0 ? string.Empty : folder[..slash];
            }
        }

        return new ValueList<string>(folders);
    }

    private OutputClaims ComputeClaims()
    {
        var claims = new List<(string Path, string Key, string File)>();
        var problems = new List<SiteDiagnostic>();
        void Claim(string key, string file, Func<string> path)
        {
            try
            {
                claims.Add((path(), key, file));
            }
            catch (SiteException ex)
            {
                problems.Add(ex.Diagnostic);
            }
        }

        SiteConfig config = Config;
        foreach (string source in BrokenPages)
        {
            Claim("page:" + source, source, () => OutputPath.ForUrl(Url(source), source)); // reports the page's error
        }

        foreach (string source in Pages)
        {
            Claim("page:" + source, source, () => OutputPath.ForUrl(Url(source), source));
            ValueList<string> aliases = Meta(source).Aliases;
            for (int i = 0; i < aliases.Count; i++)
            {
                string alias = aliases[i];
                Claim(string.Create(CultureInfo.InvariantCulture, $"alias:{source}:{i}"), source, () => OutputPath.ForUrl(OutputPath.NormalizeUrl(alias, source), source));
            }
        }

        foreach (string folder in Sections)
        {
            int count = PageCount(folder.Length == 0 ? Pages.Count : SectionPages(folder).Count, config);
            for (int n = 1; n <= count; n++)
            {
                int number = n;
                Claim(string.Create(CultureInfo.InvariantCulture, $"list:{folder}:{n}"), IndexSource(folder), () => ListPath(folder, number));
            }

            Claim("feed:" + folder, IndexSource(folder), () => (folder.Length == 0 ? string.Empty : folder + "/") + "index.xml");
        }

        foreach (string taxonomy in config.Taxonomies)
        {
            Claim("taxonomy:" + taxonomy, SiteConfigParser.FileName, () => taxonomy + "/index.html");
            foreach (TermPages term in Terms(taxonomy))
            {
                string folder = taxonomy + "/" + term.Slug;
                int count = PageCount(term.Pages.Count, config);
                for (int n = 1; n <= count; n++)
                {
                    int number = n;
                    Claim(string.Create(CultureInfo.InvariantCulture, $"term:{folder}:{n}"), term.Pages[0], () => ListPath(folder, number));
                }

                Claim("feed:" + folder, term.Pages[0], () => folder + "/index.xml");
            }
        }

        Claim("404", "layouts/404.hbs", () => "404.html");
        Claim("sitemap", SiteConfigParser.FileName, () => "sitemap.xml");
        Claim("robots", SiteConfigParser.FileName, () => "robots.txt");
        Claim("search", SiteConfigParser.FileName, () => "search.json");
        foreach (string file in Files.Static)
        {
            string path = file["static/".Length..];
            Claim("static:" + path, file, () => path);
        }

        foreach (KeyValuePair<string, object?> asset in Assets)
        {
            Claim("asset:" + asset.Key, "assets/" + asset.Key, () => ((string)asset.Value!).TrimStart('/'));
        }

        var entries = new SortedDictionary<string, (string Key, string File)>(StringComparer.Ordinal);
        foreach ((string path, string key, string file) in claims)
        {
            if (entries.TryGetValue(path, out (string Key, string File) first))
            {
                problems.Add(new SiteDiagnostic(file, 0, 0,
                    $"'{path}' would be written by both '{first.File}' and '{file}': give one of them another url, slug or alias"));
                continue;
            }

            entries[path] = (key, file);
        }

        return new OutputClaims(
            new ValueList<OutputEntry>(entries.Select(e => new OutputEntry(e.Key, e.Value.Key, e.Value.File))),
            new ValueList<SiteDiagnostic>(problems));
    }

    private static int PageCount(int items, SiteConfig config) => Math.Max(1, (items + config.PaginationSize - 1) / config.PaginationSize);

    private static string ListPath(string folder, int number) =>
        (folder.Length == 0 ? string.Empty : folder + "/") + (number == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"page/{number}/")) + "index.html";

    private static string ListUrl(string folder, int number) =>
        "/" + (folder.Length == 0 ? string.Empty : folder + "/") + (number == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"page/{number}/"));

    private static string IndexSource(string folder) => folder.Length == 0 ? "content/_index.md" : "content/" + folder + "/_index.md";

    private byte[] ComputeOutput(string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? key : key[..colon];
        string argument = colon < 0 ? string.Empty : key[(colon + 1)..];
        return kind switch
        {
            "page" => Encoding.UTF8.GetBytes(PageHtml(argument)),
            "list" => Encoding.UTF8.GetBytes(ListHtml(argument)),
            "term" => Encoding.UTF8.GetBytes(TermHtml(argument)),
            "taxonomy" => Encoding.UTF8.GetBytes(TaxonomyHtml(argument)),
            "alias" => Encoding.UTF8.GetBytes(AliasHtml(argument)),
            "feed" => Feed(argument),
            "sitemap" => Sitemap(),
            "robots" => Encoding.UTF8.GetBytes("User-agent: *\nAllow: /\nSitemap: " + Config.BaseUrl + "sitemap.xml\n"),
            "search" => SearchIndex(),
            "404" => Encoding.UTF8.GetBytes(Render(FindLayout(["404"], "layouts/404.hbs"),
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["site"] = SiteContext(), ["page"] = new Dictionary<string, object?> { ["title"] = "Page not found", ["url"] = "/404.html" } })),
            "static" => Input("static/" + argument).Content,
            "asset" => AssetBytes(argument),
            _ => throw new InvalidOperationException("unknown output key " + key),
        };
    }

    private static (string Folder, int Number) SplitNumbered(string argument)
    {
        int colon = argument.LastIndexOf(':');
        return (argument[..colon], int.Parse(argument.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    private string ListHtml(string argument)
    {
        (string folder, int number) = SplitNumbered(argument);
        ValueList<string> pages = folder.Length == 0 ? Pages : SectionPages(folder);
        string index = IndexSource(folder);
        IDictionary<string, object?> page = Files.Content.BinarySearch(index, StringComparer.Ordinal) >= 0 && IsListed(index)
            ? PageContext(index, withContent: true)
            : new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = folder.Length == 0 ? Config.Title : SectionTitle(folder) };
        page["url"] = ListUrl(folder, number);
        page["permalink"] = Config.BaseUrl + ListUrl(folder, number).TrimStart('/');
        page["breadcrumbs"] = folder.Length == 0 ? null : Breadcrumbs(folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.LastIndexOf('/')] : string.Empty);
        var context = ListContext(page, pages, folder, number);
        context["sections"] = Sections
            .Where(s => s.Length > 0 && (folder.Length == 0 ? !s.Contains('/', StringComparison.Ordinal) : s.StartsWith(folder + "/", StringComparison.Ordinal) && !s[(folder.Length + 1)..].Contains('/', StringComparison.Ordinal)))
            .Select(s => (object?)new Dictionary<string, object?> { ["title"] = SectionTitle(s), ["url"] = "/" + s + "/" })
            .ToList();
        string section = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.IndexOf('/', StringComparison.Ordinal)] : folder;
        IEnumerable<string> layouts = folder.Length == 0 ? ["home", "_default/list"] : [section + "/list", "_default/list"];
        return Render(FindLayout(layouts, index), context);
    }

    private string TermHtml(string argument)
    {
        (string folder, int number) = SplitNumbered(argument);
        string taxonomy = folder[..folder.IndexOf('/', StringComparison.Ordinal)];
        string slug = folder[(taxonomy.Length + 1)..];
        TermPages term = Terms(taxonomy).First(t => t.Slug == slug);
        var page = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = term.Name,
            ["url"] = ListUrl(folder, number),
            ["permalink"] = Config.BaseUrl + ListUrl(folder, number).TrimStart('/'),
        };
        Dictionary<string, object?> context = ListContext(page, term.Pages, folder, number);
        context["taxonomy"] = new Dictionary<string, object?> { ["title"] = SectionTitle(taxonomy), ["url"] = "/" + taxonomy + "/" };
        return Render(FindLayout([taxonomy + "/term", "term", "_default/list"], term.Pages[0]), context);
    }

    private string TaxonomyHtml(string taxonomy)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = SiteContext(),
            ["page"] = new Dictionary<string, object?> { ["title"] = SectionTitle(taxonomy), ["url"] = "/" + taxonomy + "/", ["permalink"] = Config.BaseUrl + taxonomy + "/" },
            ["terms"] = Terms(taxonomy).Select(t => (object?)new Dictionary<string, object?>
            {
                ["name"] = t.Name,
                ["url"] = "/" + taxonomy + "/" + t.Slug + "/",
                ["count"] = t.Pages.Count,
            }).ToList(),
        };
        return Render(FindLayout([taxonomy + "/taxonomy", "taxonomy", "_default/list"], SiteConfigParser.FileName), context);
    }

    private Dictionary<string, object?> ListContext(IDictionary<string, object?> page, ValueList<string> pages, string folder, int number)
    {
        int size = Config.PaginationSize;
        int count = PageCount(pages.Count, Config);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = SiteContext(),
            ["page"] = page,
            ["pages"] = pages.Skip((number - 1) * size).Take(size).Select(p => (object?)PageContext(p, withContent: false)).ToList(),
            ["paginator"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["number"] = number,
                ["count"] = count,
                ["hasPages"] = count > 1,
                ["prev"] = number > 1 ? ListUrl(folder, number - 1) : null,
                ["next"] = number < count ? ListUrl(folder, number + 1) : null,
            },
        };
    }

    private string SectionTitle(string folder)
    {
        string index = IndexSource(folder);
        return Files.Content.BinarySearch(index, StringComparer.Ordinal) >= 0 && Meta(index).Title is { } title
            ? title
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(folder[(folder.LastIndexOf('/') + 1)..].Replace('-', ' '));
    }

    private string AliasHtml(string argument)
    {
        string source = argument[..argument.LastIndexOf(':')];
        string target = Config.BaseUrl + Url(source).TrimStart('/');
        string encoded = System.Net.WebUtility.HtmlEncode(target);
        return $"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{encoded}</title><link rel=\"canonical\" href=\"{encoded}\"><meta http-equiv=\"refresh\" content=\"0; url={encoded}\"></head><body><a href=\"{encoded}\">{encoded}</a></body></html>\n";
    }

    private byte[] Feed(string folder)
    {
        SiteConfig config = Config;
        ValueList<string> pages;
        string title = config.Title;
        string link = config.BaseUrl;
        if (folder.Length == 0)
        {
            pages = Pages;
        }
        else if (folder.Contains('/', StringComparison.Ordinal) && config.Taxonomies.Contains(folder[..folder.IndexOf('/', StringComparison.Ordinal)]))
        {
            string taxonomy = folder[..folder.IndexOf('/', StringComparison.Ordinal)];
            TermPages term = Terms(taxonomy).First(t => t.Slug == folder[(taxonomy.Length + 1)..]);
            pages = term.Pages;
            title = term.Name + " · " + config.Title;
            link = config.BaseUrl + folder + "/";
        }
        else
        {
            pages = SectionPages(folder);
            title = SectionTitle(folder) + " · " + config.Title;
            link = config.BaseUrl + folder + "/";
        }

        var items = pages
            .OrderByDescending(p => Meta(p).Date ?? DateTimeOffset.MinValue)
            .ThenBy(p => p, StringComparer.Ordinal)
            .Take(FeedItems)
            .Select(FeedItemOf)
            .ToList();
        return FeedWriter.Rss(title, link, config.Description ?? config.Title, config.Language, items);
    }

    private FeedItem FeedItemOf(string source)
    {
        FrontMatter meta = Meta(source);
        return new FeedItem(meta.Title ?? Permalinks.Split(source).Name, Config.BaseUrl + Url(source).TrimStart('/'), meta.Date, Summary(source));
    }

    private byte[] Sitemap()
    {
        SiteConfig config = Config;
        var urls = Pages.Select(p => new FeedItem(string.Empty, config.BaseUrl + Url(p).TrimStart('/'), Meta(p).LastMod ?? Meta(p).Date, string.Empty))
            .Concat(Sections.Select(s => new FeedItem(string.Empty, config.BaseUrl + (s.Length == 0 ? string.Empty : s + "/"), null, string.Empty)))
            .OrderBy(u => u.Url, StringComparer.Ordinal)
            .ToList();
        return FeedWriter.Sitemap(urls);
    }

    private byte[] SearchIndex()
    {
        var entries = Pages.Select(p =>
        {
            FrontMatter meta = Meta(p);
            return new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["title"] = meta.Title ?? Permalinks.Split(p).Name,
                ["url"] = Url(p),
                ["summary"] = PlainText(Summary(p)),
                ["tags"] = meta.Terms("tags").ToList(),
            };
        }).OrderBy(e => (string)e["url"]!, StringComparer.Ordinal).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(entries);
    }

    private static string PlainText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty)).Trim();
}

/// <summary>The outputs (one per path) and the problems found listing them.</summary>
/// <param name="Entries">The outputs, sorted by path.</param>
/// <param name="Problems">Conflicts and invalid URLs.</param>
internal sealed record OutputClaims(ValueList<OutputEntry> Entries, ValueList<SiteDiagnostic> Problems);

/// <summary>What a build reports besides output bytes.</summary>
/// <param name="Outputs">The outputs, sorted by path.</param>
/// <param name="Pages">Published regular pages.</param>
/// <param name="Problems">Output conflicts, data file errors, broken links.</param>
internal sealed record SiteReport(ValueList<OutputEntry> Outputs, int Pages, ValueList<SiteDiagnostic> Problems);
