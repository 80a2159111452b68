using System.Globalization;
using System.Text;
using Adaptive.Site;

namespace Adaptive.Bench.Corpus;

/// <summary>The reference benchmark scenarios (docs/design/benchmarks.md).</summary>
public enum CorpusScenario
{
    /// <summary>A documentation site: ~200 pages, 10 sections, 3 taxonomies, 50 assets.</summary>
    Docs,

    /// <summary>A large blog: 5,000 posts in year/month archives, 100 tags, 200 assets.</summary>
    Blog,

    /// <summary>API documentation: 10,000 pages six folders deep, cross-references, few assets.</summary>
    Api,
}

/// <summary>What a generated site holds, and the files the benchmark edits.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Pages">Regular pages generated.</param>
/// <param name="EditPage">A page in the middle of the site (body, title and tag edits).</param>
/// <param name="DeletePage">Another page (deleted and restored).</param>
/// <param name="NewPage">Where a new page is added.</param>
/// <param name="SectionLayout">A section's own single-page layout: about 10% of the pages use it.</param>
/// <param name="Partial">A partial every page uses.</param>
/// <param name="DataFile">A data file every page reads.</param>
public sealed record CorpusInfo(CorpusScenario Scenario, int Pages, string EditPage, string DeletePage, string NewPage, string SectionLayout, string Partial, string DataFile);

/// <summary>
/// Generates a deterministic site for a scenario (<c>adapt gen</c>): the same scenario, page
/// count and seed give the same files. Pages have realistic Markdown — headings, paragraphs,
/// lists, code blocks, tables, links to other pages of the site — of 300 to 2,000 words.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>The most pages <c>--pages</c> accepts.</summary>
    public const int MaxPages = 100_000;

    private static readonly string[] s_words =
    [
        "the", "of", "and", "to", "in", "is", "for", "that", "with", "as", "on", "by", "this", "are", "be", "from", "or", "an", "it", "can",
        "build", "page", "site", "value", "input", "output", "render", "template", "change", "memo", "graph", "incremental", "runtime", "cache",
        "section", "term", "list", "feed", "layout", "partial", "content", "markdown", "front", "matter", "link", "index", "request", "response",
        "client", "server", "token", "stream", "buffer", "option", "result", "error", "handler", "method", "property", "type", "interface",
        "returns", "creates", "reads", "writes", "updates", "deletes", "checks", "computes", "parses", "formats", "resolves", "validates",
        "quickly", "safely", "lazily", "eagerly", "exactly", "only", "every", "each", "when", "after", "before", "until", "unless", "because",
    ];

    /// <summary>Pages of a scenario when <c>--pages</c> is not given.</summary>
    public static int DefaultPages(CorpusScenario scenario) => scenario switch
    {
        CorpusScenario.Docs => 200,
        CorpusScenario.Blog => 5_000,
        _ => 10_000,
    };

    /// <summary>Writes the site into <paramref name="folder"/> (which should be empty).</summary>
    public static CorpusInfo Generate(CorpusScenario scenario, string folder, int? pages = null, int seed = 1)
    {
        int count = pages ?? DefaultPages(scenario);
        if (count < 10 || count > MaxPages)
        {
            throw new ArgumentOutOfRangeException(nameof(pages), count, $"between 10 and {MaxPages:N0} pages");
        }

        var random = new Random(seed);
        var writer = new CorpusWriter(Path.GetFullPath(folder));
        return scenario switch
        {
            CorpusScenario.Docs => Docs(writer, random, count),
            CorpusScenario.Blog => Blog(writer, random, count),
            _ => Api(writer, random, count),
        };
    }

    private static CorpusInfo Docs(CorpusWriter site, Random random, int count)
    {
        string[] sections = ["getting-started", "guides", "concepts", "reference", "tutorials", "howto", "operations", "security", "integrations", "faq"];
        Common(site, "Docs", "taxonomies: [tags, categories, authors]\nmenus:\n  main:\n" + string.Concat(sections.Take(5).Select((s, i) => $"    - {{ name: {Title(s)}, url: /{s}/, weight: {i} }}\n")));
        string[] tags = [.. Enumerable.Range(0, 30).Select(i => "topic-" + i.ToString(CultureInfo.InvariantCulture))];
        string[] authors = ["ada", "brian", "grace", "ken", "margaret"];
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string section = sections[i % sections.Length];
            paths.Add($"content/{section}/page-{i:D5}.md");
        }

        foreach (string section in sections)
        {
            site.Write($"content/{section}/_index.md", $"---\ntitle: {Title(section)}\n---\n{Paragraph(random, 40)}\n");
        }

        for (int i = 0; i < count; i++)
        {
            string meta = $"weight: {i % 7}\ntags: [{tags[random.Next(tags.Length)]}, {tags[random.Next(tags.Length)]}]\ncategories: [{sections[i % sections.Length]}]\nauthors: [{authors[random.Next(authors.Length)]}]\n";
            site.Write(paths[i], Page(random, $"Page {i}: {Title(sections[i % sections.Length])}", meta, paths[i], paths, 300, 900));
        }

        Assets(site, 50);
        return Info(CorpusScenario.Docs, count, paths, "layouts/" + sections[3] + "/single.hbs", site);
    }

    private static CorpusInfo Blog(CorpusWriter site, Random random, int count)
    {
        Common(site, "Blog", "pagination: 20\nmenus:\n  main:\n    - { name: Archives, url: /2024/, weight: 1 }\n");
        string[] tags = [.. Enumerable.Range(0, 100).Select(i => "tag-" + i.ToString(CultureInfo.InvariantCulture))];
        var paths = new List<string>();
        var dates = new List<DateTime>();
        for (int i = 0; i < count; i++)
        {
            var date = new DateTime(2015, 1, 1).AddDays(i * 3650.0 / count);
            dates.Add(date);
            paths.Add($"content/{date.Year}/{date.Month:D2}/post-{i:D5}.md");
        }

        foreach (int year in dates.Select(d => d.Year).Distinct())
        {
            site.Write($"content/{year}/_index.md", $"---\ntitle: {year}\n---\nPosts of {year}.\n");
        }

        for (int i = 0; i < count; i++)
        {
            string meta = $"date: {dates[i]:yyyy-MM-dd}\ntags: [{tags[random.Next(tags.Length)]}, {tags[random.Next(tags.Length)]}, {tags[random.Next(tags.Length)]}]\n";
            site.Write(paths[i], Page(random, $"Post {i}", meta, paths[i], paths, 300, 1_200));
        }

        Assets(site, 200);
        return Info(CorpusScenario.Blog, count, paths, "layouts/2020/single.hbs", site);
    }

    private static CorpusInfo Api(CorpusWriter site, Random random, int count)
    {
        Common(site, "API reference", "menus:\n  main:\n    - { name: Reference, url: /ns0/, weight: 1 }\n");
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            // Ten namespaces, each six folders deep: ns3/a1/b4/c2/d0/e2/type-00042.md.
            string path = string.Create(CultureInfo.InvariantCulture,
                $"content/ns{i % 10}/a{i / 10 % 4}/b{i / 40 % 4}/c{i / 160 % 3}/d{i / 480 % 3}/e{i / 1440 % 3}/type-{i:D5}.md");
            paths.Add(path);
        }

        for (int i = 0; i < count; i++)
        {
            string meta = $"weight: {i % 5}\ntags: [{(i % 3 == 0 ? "class" : i % 3 == 1 ? "struct" : "interface")}]\n";
            site.Write(paths[i], Page(random, "Type" + i.ToString("D5", CultureInfo.InvariantCulture), meta, paths[i], paths, 300, 700));
        }

        Assets(site, 3);
        return Info(CorpusScenario.Api, count, paths, "layouts/ns4/single.hbs", site);
    }

    private static void Common(CorpusWriter site, string title, string extra)
    {
        site.Write("adapt.yaml", $"title: {title}\nbaseUrl: https://example.org/\ndescription: A generated {title.ToLowerInvariant()} site.\n{extra}");
        site.Write("data/site.yaml", "motto: Generated for benchmarks\nlinks:\n  - { name: Home, url: / }\n");
        site.Write("layouts/partials/footer.hbs", "<footer class=\"site-footer\"><div class=\"container\"><p>{{site.title}} · {{site.data.site.motto}}</p></div></footer>\n");
    }

    private static CorpusInfo Info(CorpusScenario scenario, int count, List<string> paths, string sectionLayout, CorpusWriter site)
    {
        // The section layout starts as the theme's own single layout: the output is unchanged
        // until the benchmark edits it.
        site.Write(sectionLayout, Encoding.UTF8.GetString(DefaultTheme.File("layouts/_default/single.hbs")!));
        string edit = paths[count / 2];
        string delete = paths[count / 3];
        string folder = edit[..edit.LastIndexOf('/')];
        return new CorpusInfo(scenario, count, edit, delete, folder + "/added-page.md", sectionLayout, "layouts/partials/footer.hbs", "data/site.yaml");
    }

    private static void Assets(CorpusWriter site, int count)
    {
        for (int i = 0; i < count; i++)
        {
            string path = i % 4 == 0
                ? $"assets/css/style-{i:D3}.css"
                : $"assets/js/module-{i:D3}.js";
            site.Write(path, path.EndsWith(".css", StringComparison.Ordinal)
                ? $".block-{i} {{ margin: {i % 8}px; color: #{i * 2654435761 % 0xFFFFFF:x6}; }}\n"
                : $"export function module{i}(value) {{ return value * {i + 1}; }}\n");
        }
    }

    private static string Page(Random random, string title, string meta, string self, List<string> all, int minWords, int maxWords)
    {
        var text = new StringBuilder();
        text.Append("---\ntitle: \"").Append(title).Append("\"\n").Append(meta).Append("---\n");
        int target = random.Next(minWords, maxWords + 1);
        int words = 0;
        text.Append(Paragraph(random, 60)).Append("\n\n<!--more-->\n\n");
        words += 60;
        int section = 1;
        while (words < target)
        {
            text.Append("## Section ").Append(section++.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
            text.Append(Paragraph(random, 80)).Append("\n\n");
            words += 80;
            switch (random.Next(4))
            {
                case 0:
                    for (int i = 0; i < 4; i++)
                    {
                        text.Append("- ").Append(Sentence(random, 8)).Append('\n');
                    }

                    text.Append('\n');
                    words += 32;
                    break;
                case 1:
                    text.Append("```csharp\nvar result = Compute(input, options);\nif (result.Changed)\n{\n    Write(result.Value);\n}\n```\n\n");
                    words += 12;
                    break;
                case 2:
                    text.Append("| Name | Type | Description |\n|---|---|---|\n");
                    for (int i = 0; i < 4; i++)
                    {
                        text.Append("| `").Append(Word(random)).Append("` | ").Append(Word(random)).Append(" | ").Append(Sentence(random, 6)).Append(" |\n");
                    }

                    text.Append('\n');
                    words += 32;
                    break;
                default:
                    string target2 = all[random.Next(all.Count)];
                    text.Append("See [").Append(Path.GetFileNameWithoutExtension(target2)).Append("](")
                        .Append(Path.GetRelativePath(Path.GetDirectoryName(self)!, target2).Replace('\\', '/'))
                        .Append(") and [the specification](https://example.com/spec).\n\n");
                    words += 6;
                    break;
            }
        }

        return text.ToString();
    }

    private static string Paragraph(Random random, int words)
    {
        var text = new StringBuilder();
        while (words > 0)
        {
            int length = Math.Min(words, random.Next(8, 16));
            text.Append(Sentence(random, length)).Append(' ');
            words -= length;
        }

        return text.ToString().TrimEnd();
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (int i = 0; i < words; i++)
        {
            string word = Word(random);
            text.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            text.Append(i == words - 1 ? "." : " ");
        }

        return text.ToString();
    }

    private static string Word(Random random) => s_words[random.Next(s_words.Length)];

    private static string Title(string slug) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug.Replace('-', ' '));

    private sealed class CorpusWriter(string root)
    {
        public void Write(string path, string text)
        {
            string full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }
}
