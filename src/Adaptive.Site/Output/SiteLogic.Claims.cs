// Output claims: every output path the site makes, one source per path, with conflicts, invalid
// URLs and disabled kinds.
using System.Globalization;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The outputs (one per path) and the problems found listing them.</summary>
    internal static readonly SiteValue<OutputClaims> Claims = new("Site.Claims", static s => s.ComputeClaims(), SiteJson.Codec<OutputClaims>());

    private OutputClaims ComputeClaims()
    {
        SiteConfig config = Get(Config);
        var claims = new List<(string Path, string Key, string File)>();
        var problems = new List<SiteDiagnostic>();
        var disabled = new List<string>();

        // kind and owner: the output kinds (OutputKinds) that must both be produced; an output of a
        // disabled kind is not claimed, but its path is kept so links to it are not broken.
        void Claim(string key, string file, Func<string> path, string? kind = null, string? owner = null)
        {
            bool off = (kind is not null && !config.Produces(kind)) || (owner is not null && !config.Produces(owner));
            try
            {
                string claimed = path();
                if (off)
                {
                    disabled.Add(claimed);
                }
                else
                {
                    claims.Add((claimed, key, file));
                }
            }
            catch (SiteException ex) when (!off)
            {
                problems.Add(ex.Diagnostic);
            }
            catch (SiteException)
            {
                // a disabled output with an invalid URL is not an output
            }
        }

        foreach (string source in Get(BrokenPages))
        {
            Claim("page:" + source, source, () => OutputPath.ForUrl(Get(Url, source), source)); // reports the page's error
        }

        foreach (string source in Get(Pages))
        {
            Claim("page:" + source, source, () => OutputPath.ForUrl(Get(Url, source), source), OutputKinds.Page);
            ValueList<string> aliases = Get(Meta, source).Aliases;
            for (int i = 0; i < aliases.Count; i++)
            {
                string alias = aliases[i];
                Claim(string.Create(CultureInfo.InvariantCulture, $"alias:{source}:{i}"), source, () =>
                {
                    try
                    {
                        return OutputPath.ForUrl(OutputPath.NormalizeUrl(alias, source), source);
                    }
                    catch (SiteException ex)
                    {
                        throw AtFrontMatterKey(ex, source, "aliases");
                    }
                }, OutputKinds.Page);
            }
        }

        foreach (string folder in Get(Sections))
        {
            string listKind = folder.Length == 0 ? OutputKinds.Home : OutputKinds.Section;
            int count = PageCount(folder.Length == 0 ? Get(Pages).Count : Get(SectionPages, folder).Count, config);
            for (int n = 1; n <= count; n++)
            {
                int number = n;
                Claim(string.Create(CultureInfo.InvariantCulture, $"list:{folder}:{n}"), IndexSource(folder), () => ListPath(folder, number), listKind);
            }

            Claim("feed:" + folder, IndexSource(folder), () => (folder.Length == 0 ? string.Empty : folder + "/") + "index.xml", OutputKinds.Rss, listKind);
        }

        foreach (string taxonomy in config.Taxonomies)
        {
            Claim("taxonomy:" + taxonomy, SiteConfigParser.FileName, () => taxonomy + "/index.html", OutputKinds.Taxonomy);
            foreach (TermPages term in Get(Terms, taxonomy))
            {
                string folder = taxonomy + "/" + term.Slug;
                int count = PageCount(term.Pages.Count, config);
                for (int n = 1; n <= count; n++)
                {
                    int number = n;
                    Claim(string.Create(CultureInfo.InvariantCulture, $"term:{folder}:{n}"), term.Pages[0], () => ListPath(folder, number), OutputKinds.Term);
                }

                Claim("feed:" + folder, term.Pages[0], () => folder + "/index.xml", OutputKinds.Rss, OutputKinds.Term);
            }
        }

        Claim("404", "layouts/404.hbs", () => "404.html", OutputKinds.NotFound);
        Claim("sitemap", SiteConfigParser.FileName, () => "sitemap.xml", OutputKinds.Sitemap);
        Claim("robots", SiteConfigParser.FileName, () => "robots.txt", OutputKinds.Robots);
        Claim("search", SiteConfigParser.FileName, () => "search.json", OutputKinds.Search);
        foreach (string file in Model.Files.Static)
        {
            string path = Published(file);
            Claim("static:" + file, file, () =>
            {
                _ = OutputPath.ForUrl("/" + path, file); // a name with '\\' or ':' is refused like a URL
                return path;
            });
        }

        foreach (KeyValuePair<string, object?> asset in Get(Assets))
        {
            Claim("asset:" + asset.Key, "assets/" + asset.Key, () => ((string)asset.Value!).TrimStart('/'));
        }

        // Image variants, once each however many pages use them.
        var variants = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string source in Get(Pages))
        {
            if (Get(TextShape, source) != PageTextShape.MayAskForImages)
            {
                continue; // no page memo to render or keep for a page that asks for no image
            }

            foreach (string variant in Get(PageImages, source))
            {
                variants.TryAdd(variant, source);
            }
        }

        foreach ((string variant, string page) in variants)
        {
            Claim("image:" + variant, page, () => VariantPath(variant));
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

        // Paths that differ only in letter case are one file on macOS and Windows: the output
        // would depend on the file system. The first (in ordinal order) keeps the path.
        var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clashes = new List<string>();
        foreach (KeyValuePair<string, (string Key, string File)> entry in entries)
        {
            if (folded.TryGetValue(entry.Key, out string? other))
            {
                problems.Add(new SiteDiagnostic(entry.Value.File, 0, 0,
                    $"'{entry.Key}' (from '{entry.Value.File}') and '{other}' (from '{entries[other].File}') differ only in letter case: on macOS and Windows one would overwrite the other. Rename one"));
                clashes.Add(entry.Key);
            }
            else
            {
                folded[entry.Key] = entry.Key;
            }
        }

        foreach (string clash in clashes)
        {
            entries.Remove(clash);
        }

        disabled.Sort(StringComparer.Ordinal);
        return new OutputClaims(
            new ValueList<OutputEntry>(entries.Select(e => new OutputEntry(e.Key, e.Value.Key, e.Value.File))),
            new ValueList<SiteDiagnostic>(problems),
            new ValueList<string>(disabled));
    }
}
