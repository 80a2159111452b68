using YamlDotNet.RepresentationModel;

namespace Adaptive.Site;

/// <summary>
/// Splits a page into front matter and body and reads the front matter, written as Hugo sites
/// write it: YAML between a first line <c>---</c> and the next line <c>---</c> (or <c>...</c>),
/// TOML between <c>+++</c> lines, or a JSON object that opens on the first line with <c>{</c>.
/// A page without any has empty front matter. The three give the same fields with the same
/// checks; problems are <see cref="SiteException"/>s with the file, line and column.
/// </summary>
public static class FrontMatterParser
{
    /// <summary>The parsed page.</summary>
    /// <param name="Meta">The front matter.</param>
    /// <param name="Body">The Markdown after it.</param>
    /// <param name="BodyLine">The 1-based line of the file where the body starts.</param>
    public readonly record struct Result(FrontMatter Meta, string Body, int BodyLine);

    /// <summary>Parses the text of <paramref name="file"/>.</summary>
    /// <param name="file">The page's path relative to the site (for diagnostics).</param>
    /// <param name="text">The page's text (a byte order mark is ignored).</param>
    /// <param name="taxonomies">The configured taxonomies (e.g. tags, categories).</param>
    public static Result Parse(string file, string text, IReadOnlyCollection<string> taxonomies)
    {
        Parts parts = Split(file, text);
        return new Result(Read(file, parts.FrontMatter, taxonomies), parts.Body, parts.BodyLine);
    }

    /// <summary>A page's text in two parts, so that each can change alone: the front matter as
    /// written from the file's first line (its opening <c>---</c> or <c>+++</c> line included, so
    /// it says its format; "" when there is none, which reads as empty front matter) up to its
    /// closing line, and the body.</summary>
    /// <param name="FrontMatter">The front matter block, without its closing line.</param>
    /// <param name="Body">The Markdown after it.</param>
    /// <param name="BodyLine">The 1-based line of the file where the body starts.</param>
    public readonly record struct Parts(string FrontMatter, string Body, int BodyLine);

    /// <summary>Splits the text of <paramref name="file"/>; front matter without its closing line
    /// is an error.</summary>
    public static Parts Split(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        if (text.StartsWith('{') && !text.StartsWith("{{", StringComparison.Ordinal))
        {
            return JsonFrontMatter.Split(file, text);
        }

        string? fence = text.StartsWith("---\n", StringComparison.Ordinal) || text == "---" ? "---"
            : text.StartsWith("+++\n", StringComparison.Ordinal) || text == "+++" ? "+++"
            : null;
        if (fence is null)
        {
            return new Parts(string.Empty, text, 1);
        }

        int end = FindClosingLine(text, fence, out int closingLength);
        if (end < 0)
        {
            throw new SiteException(new SiteDiagnostic(file, 1, 1,
                $"front matter is not closed: add a line '{fence}' after the last {(fence == "+++" ? "'key = value'" : "'key: value'")} line"));
        }

        int bodyStart = Math.Min(text.Length, end + closingLength);
        int bodyLine = 1 + text.AsSpan(0, bodyStart).Count('\n');
        return new Parts(text[..end], text[bodyStart..], bodyLine);
    }

    /// <summary>Reads a front matter block from <see cref="Split"/>.</summary>
    public static FrontMatter Read(string file, string frontMatter, IReadOnlyCollection<string> taxonomies) =>
        Document(file, frontMatter) is { } document ? Read(document, taxonomies) : new FrontMatter();

    /// <summary>Where the value of the top-level <paramref name="key"/> (any letter case) of a
    /// front matter block from <see cref="Split"/> is in the file: (line, column), 1-based;
    /// (0, 0) when it is not there.</summary>
    public static (int Line, int Column) Locate(string file, string frontMatter, string key)
    {
        if (Document(file, frontMatter) is not { } document)
        {
            return (0, 0);
        }

        foreach ((string name, YamlNode _, YamlNode value) in document.Entries(document.Root))
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return document.Position(value);
            }
        }

        return (0, 0);
    }

    // The block's entries whatever its format; null when it has none. YAML and TOML start on the
    // file's second line, after their fence; JSON (which YAML reads as a flow mapping) on the first.
    private static YamlDocument? Document(string file, string frontMatter) =>
        frontMatter.Length <= 4 ? null
        : frontMatter.StartsWith('{') ? YamlDocument.Parse(file, frontMatter, lineOffset: 0)
        : frontMatter.StartsWith("+++", StringComparison.Ordinal) ? TomlFrontMatter.Parse(file, frontMatter[4..], lineOffset: 1)
        : YamlDocument.Parse(file, frontMatter[4..], lineOffset: 1);

    private static int FindClosingLine(string text, string fence, out int length)
    {
        int position = 4;
        while (position <= text.Length)
        {
            int lineEnd = text.IndexOf('\n', position);
            string line = lineEnd < 0 ? text[position..] : text[position..lineEnd];
            if (line.TrimEnd() == fence || (fence == "---" && line.TrimEnd() == "..."))
            {
                length = (lineEnd < 0 ? text.Length : lineEnd + 1) - position;
                return position;
            }

            if (lineEnd < 0)
            {
                break;
            }

            position = lineEnd + 1;
        }

        length = 0;
        return -1;
    }

    private static FrontMatter Read(YamlDocument yaml, IReadOnlyCollection<string> taxonomies)
    {
        var meta = new FrontMatter();
        var terms = new List<TaxonomyTerms>();
        var parameters = new List<KeyValuePair<string, object?>>();
        foreach ((string key, YamlNode _, YamlNode value) in yaml.Entries(yaml.Root))
        {
            string name = key.ToLowerInvariant();
            switch (name)
            {
                case "title": meta = meta with { Title = yaml.String(value, key) }; break;
                case "date": meta = meta with { Date = yaml.Date(value, key) }; break;
                case "lastmod": meta = meta with { LastMod = yaml.Date(value, key) }; break;
                case "draft": meta = meta with { Draft = yaml.Boolean(value, key) }; break;
                case "weight": meta = meta with { Weight = yaml.Integer(value, key) }; break;
                case "slug": meta = meta with { Slug = yaml.String(value, key) }; break;
                case "url": meta = meta with { Url = yaml.String(value, key) }; break;
                case "aliases": meta = meta with { Aliases = yaml.StringList(value, key) }; break;
                case "description": meta = meta with { Description = yaml.String(value, key) }; break;
                case "summary": meta = meta with { Summary = yaml.String(value, key) }; break;
                case "layout": meta = meta with { Layout = yaml.String(value, key) }; break;
                case "menu" or "menus": meta = meta with { Menus = ReadMenus(yaml, value, key) }; break;
                case "params":
                    if (value is not YamlMappingNode mapping)
                    {
                        throw yaml.Error(value, "'params' must be a mapping of names to values");
                    }

                    parameters.AddRange(yaml.Map(mapping));
                    break;
                default:
                    if (taxonomies.Contains(name))
                    {
                        terms.Add(new TaxonomyTerms(name, yaml.StringList(value, key)));
                    }
                    else
                    {
                        parameters.Add(new(key, yaml.Value(value)));
                    }

                    break;
            }
        }

        terms.Sort(static (a, b) => string.CompareOrdinal(a.Taxonomy, b.Taxonomy));
        return meta with { Taxonomies = new ValueList<TaxonomyTerms>(terms), Params = new ValueDictionary(parameters) };
    }

    /// <summary><c>menu: main</c>, <c>menu: [main, footer]</c>, or
    /// <c>menu: { main: { name: Docs, weight: 2, parent: Guide } }</c>.</summary>
    private static ValueList<MenuEntry> ReadMenus(YamlDocument yaml, YamlNode value, string key)
    {
        if (value is not YamlMappingNode mapping)
        {
            return new ValueList<MenuEntry>(yaml.StringList(value, key).Select(menu => new MenuEntry(menu, null, 0, null)));
        }

        var entries = new List<MenuEntry>();
        foreach ((string menu, YamlNode _, YamlNode entry) in yaml.Entries(mapping))
        {
            string? name = null, parent = null;
            int weight = 0;
            if (entry is YamlMappingNode details)
            {
                foreach ((string field, YamlNode _, YamlNode fieldValue) in yaml.Entries(details))
                {
                    switch (field.ToLowerInvariant())
                    {
                        case "name": name = yaml.String(fieldValue, field); break;
                        case "weight": weight = yaml.Integer(fieldValue, field); break;
                        case "parent": parent = yaml.String(fieldValue, field); break;
                        default: throw yaml.Error(fieldValue, $"unknown menu field '{field}': use name, weight or parent");
                    }
                }
            }
            else if (yaml.String(entry, menu) is not null)
            {
                throw yaml.Error(entry, $"menu '{menu}' takes name, weight and parent, like {menu}: {{ weight: 2 }}");
            }

            entries.Add(new MenuEntry(menu, name, weight, parent));
        }

        return new ValueList<MenuEntry>(entries);
    }
}
