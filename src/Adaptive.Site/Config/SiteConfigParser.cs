using YamlDotNet.RepresentationModel;

namespace Adaptive.Site;

/// <summary>Reads adapt.yaml. Unknown keys are errors (a typo must not be silently ignored).</summary>
public static class SiteConfigParser
{
    /// <summary>The configuration file's name, at the root of a site.</summary>
    public const string FileName = "adapt.yaml";

    /// <summary>Parses the text of adapt.yaml (empty text: the defaults).</summary>
    public static SiteConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        YamlDocument yaml = YamlDocument.Parse(FileName, text.TrimStart('\uFEFF'));
        var config = new SiteConfig();
        foreach ((string key, YamlNode keyNode, YamlNode value) in yaml.Entries(yaml.Root))
        {
            config = key.ToLowerInvariant() switch
            {
                "title" => config with { Title = yaml.String(value, key) ?? config.Title },
                "baseurl" => config with { BaseUrl = NormalizeBaseUrl(yaml, value, key) },
                "language" or "languagecode" => config with { Language = yaml.String(value, key) ?? config.Language },
                "description" => config with { Description = yaml.String(value, key) },
                "author" => config with { Author = yaml.String(value, key) },
                "taxonomies" => config with { Taxonomies = ReadTaxonomies(yaml, value, key) },
                "menus" or "menu" => config with { Menus = ReadMenus(yaml, value) },
                "pagination" or "paginate" => config with { PaginationSize = ReadPagination(yaml, value, key) },
                "permalinks" => config with { Permalinks = value is YamlMappingNode p ? yaml.Map(p) : throw yaml.Error(value, "'permalinks' maps sections to patterns, like blog: /:year/:slug/") },
                "params" => config with { Params = value is YamlMappingNode m ? yaml.Map(m) : throw yaml.Error(value, "'params' must be a mapping of names to values") },
                "build" => ReadBuild(yaml, value, config),
                "disablekinds" => config with { DisabledKinds = ReadKinds(yaml, value, key) },
                "minify" => config with { Minify = yaml.Boolean(value, key) },
                _ => throw yaml.Error(keyNode, $"unknown setting '{key}'. Settings: title, baseUrl, language, description, author, taxonomies, menus, pagination, permalinks, params, build, disableKinds, minify"),
            };
        }

        return config;
    }

    private static string NormalizeBaseUrl(YamlDocument yaml, YamlNode value, string key)
    {
        string url = yaml.String(value, key) ?? throw yaml.Error(value, "'baseUrl' must be an absolute URL like https://example.org/");
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw yaml.Error(value, $"'baseUrl' must be an absolute http(s) URL like https://example.org/, not '{url}'");
        }

        return url.EndsWith('/') ? url : url + "/";
    }

    private static ValueList<string> ReadTaxonomies(YamlDocument yaml, YamlNode value, string key)
    {
        // A list of plural names, or Hugo's mapping "tag: tags".
        IEnumerable<string> names = value is YamlMappingNode mapping
            ? yaml.Entries(mapping).Select(e => yaml.String(e.Value, e.Key) ?? e.Key)
            : yaml.StringList(value, key);
        var list = new List<string>();
        foreach (string name in names)
        {
            string lower = name.ToLowerInvariant();
            if (lower.Length == 0 || !lower.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw yaml.Error(value, $"taxonomy '{name}' must be a plain name (letters, digits, '-' or '_'): it is used in URLs");
            }

            if (!list.Contains(lower))
            {
                list.Add(lower);
            }
        }

        return new ValueList<string>(list);
    }

    private static ValueList<string> ReadKinds(YamlDocument yaml, YamlNode value, string key)
    {
        // Items read as written: 404 needs no quotes here.
        string notAList = $"'{key}' is a list of output kinds, like disableKinds: [rss, sitemap]";
        IEnumerable<YamlNode> items = value switch
        {
            YamlSequenceNode sequence => sequence,
            YamlScalarNode scalar when string.IsNullOrEmpty(scalar.Value) => [],
            YamlScalarNode scalar => [scalar],
            _ => throw yaml.Error(value, notAList),
        };
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (YamlNode item in items)
        {
            string name = item is YamlScalarNode { Value: { } text } ? text : throw yaml.Error(item, notAList);
            string kind = name.ToLowerInvariant() switch
            {
                "robotstxt" => OutputKinds.Robots, // Hugo's spelling
                string lower => lower,
            };
            if (!OutputKinds.All.Contains(kind))
            {
                throw yaml.Error(item, $"unknown output kind '{name}' in {key}: use {string.Join(", ", OutputKinds.All)}");
            }

            kinds.Add(kind);
        }

        return new ValueList<string>([.. kinds]);
    }

    private static ValueList<ConfigMenu> ReadMenus(YamlDocument yaml, YamlNode value)
    {
        if (value is not YamlMappingNode menus)
        {
            throw yaml.Error(value, "'menus' maps menu names to lists of entries, like main: [{ name: Blog, url: /blog/ }]");
        }

        var result = new List<ConfigMenu>();
        foreach ((string menu, YamlNode _, YamlNode entries) in yaml.Entries(menus))
        {
            if (entries is not YamlSequenceNode sequence)
            {
                throw yaml.Error(entries, $"menu '{menu}' must be a list of entries, like - {{ name: Blog, url: /blog/, weight: 1 }}");
            }

            var list = new List<ConfigMenuEntry>();
            foreach (YamlNode entry in sequence)
            {
                if (entry is not YamlMappingNode fields)
                {
                    throw yaml.Error(entry, "a menu entry has name, url, and optionally weight and parent");
                }

                string? name = null, url = null, parent = null;
                int weight = 0;
                foreach ((string field, YamlNode _, YamlNode fieldValue) in yaml.Entries(fields))
                {
                    switch (field.ToLowerInvariant())
                    {
                        case "name": name = yaml.String(fieldValue, field); break;
                        case "url": url = yaml.String(fieldValue, field); break;
                        case "weight": weight = yaml.Integer(fieldValue, field); break;
                        case "parent": parent = yaml.String(fieldValue, field); break;
                        default: throw yaml.Error(fieldValue, $"unknown menu field '{field}': use name, url, weight or parent");
                    }
                }

                list.Add(new ConfigMenuEntry(
                    name ?? throw yaml.Error(entry, "a menu entry needs a name"),
                    url ?? throw yaml.Error(entry, $"menu entry '{name}' needs a url"),
                    weight,
                    parent));
            }

            result.Add(new ConfigMenu(menu, new ValueList<ConfigMenuEntry>(list)));
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ValueList<ConfigMenu>(result);
    }

    private static int ReadPagination(YamlDocument yaml, YamlNode value, string key)
    {
        int size = value is YamlMappingNode mapping
            ? yaml.Entries(mapping).Where(e => e.Key.Equals("size", StringComparison.OrdinalIgnoreCase)).Select(e => yaml.Integer(e.Value, "size")).FirstOrDefault(10)
            : yaml.Integer(value, key);
        return size >= 1 ? size : throw yaml.Error(value, "the pagination size must be at least 1");
    }

    private static SiteConfig ReadBuild(YamlDocument yaml, YamlNode value, SiteConfig config)
    {
        if (value is not YamlMappingNode build)
        {
            throw yaml.Error(value, "'build' takes drafts, future and links, like build: { drafts: false, future: false, links: warning }");
        }

        foreach ((string field, YamlNode keyNode, YamlNode fieldValue) in yaml.Entries(build))
        {
            config = field.ToLowerInvariant() switch
            {
                "drafts" => config with { BuildDrafts = yaml.Boolean(fieldValue, field) },
                "future" => config with { BuildFuture = yaml.Boolean(fieldValue, field) },
                "links" => config with { LinkCheck = ReadLinkCheck(yaml, fieldValue, field) },
                _ => throw yaml.Error(keyNode, $"unknown build option '{field}': use drafts, future or links"),
            };
        }

        return config;
    }

    private static LinkCheck ReadLinkCheck(YamlDocument yaml, YamlNode value, string key) => yaml.String(value, key)?.ToLowerInvariant() switch
    {
        "warning" or null => LinkCheck.Warning,
        "error" => LinkCheck.Error,
        "off" or "false" or "no" => LinkCheck.Off,
        _ => throw yaml.Error(value, "'links' is warning (report broken internal links), error (fail the build on them) or off"),
    };
}
