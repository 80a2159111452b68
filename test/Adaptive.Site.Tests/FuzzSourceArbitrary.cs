using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Site.Tests;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances for <see cref="FuzzProperties"/>: text
/// assembled from the tokens each parser cares about (and stray bytes).</summary>
public static class FuzzSourceArbitrary
{
    private static readonly string[] s_yaml =
    [
        "title: ", "tags: ", "categories: ", "date: ", "draft: ", "slug: ", "url: ", "aliases: ", "weight: ", "summary: ", "layout: ", "menu: ",
        "true", "no", "2024-01-31", "2024-13-45", "10:30", "-1", "1e309", "[", "]", "{", "}", ": ", ", ", "- ", "\n", "\n  ", "'", "\"", "&a ", "*a",
        "!!binary ", "!!int ", "%YAML 1.2\n", "---\n", "...\n", "\t", "é", "\u2028", "\uFEFF", "#", "|\n  ", ">-\n  ", "../", "/x/", "? ", "~", "null",
    ];

    private static readonly string[] s_toml =
    [
        "title = ", "tags = ", "date = ", "draft = ", "weight = ", "layout = ", "[params]\n", "[menu.main]\n", "[[menu]]\n", "a.b = ", "\"", "'", "\"\"\"",
        "'''", "true", "2024-01-31", "2024-01-31T10:30:00Z", "10:30:00", "-1", "inf", "nan", "0x1F", "1_000", "[", "]", "{", "}", ", ", "\n", "#", "é",
        "+++\n", "\t", "\uFEFF", "\\u00e9", "\\",
    ];

    private static readonly string[] s_json =
    [
        "\"title\": ", "\"tags\": ", "\"date\": ", "\"draft\": ", "\"weight\": ", "\"params\": ", "\"menu\": ", "\"", "true", "null", "1e309", "-1",
        "\"2024-01-31\"", "[", "]", "{", "}", ", ", ": ", "\n", "//", "/*", "*/", "\\u00e9", "\\", "é", "\u2028", "{{", "}\n",
    ];

    private static readonly string[] s_markdown =
    [
        "# ", "## ", "###### ", "*", "**", "_", "`", "```\n", "```go\n", "```cs\n", "```yaml\n", "```nosuch\n", "~~~sh\n", "~~~", "[", "](", ")", "![", "|", "|---|", "\n", "\n\n", "> ", "- ", "1. ", "<div>", "</div>",
        "<script>", "</script>", "{{< summary \"", "{{< note >}}", "{{< /note >}}", "{{< kbd \"x\" >}}", "{{< figure src=\"", "{{< nosuch >}}", "{{</* note */>}}", "{{<", ">}}", " key=\"", "p.png?width=", "&height=", "&fit=cover", "&format=webp", "&quality=", "12", "0", "p.png", "b.md", "a.md", "c.md", "\" >}}", "<!--more-->", "[^1]", "[^1]: ", "http://x.org", "../", "&amp;", "<", ">",
        "\\", "    code", "- [ ] ", "word ", "word ", "word ", "\t", "é", "\u200b", "\r\n", "<!--", "-->", "---\n", "\0",
    ];

    private static readonly string[] s_template =
    [
        "{{", "}}", "{{{", "}}}", "#if ", "/if", "#each ", "/each", "#with ", "/with", "else", "> ", "footer", "loop", "page.title", "page.content",
        "{{{page.content}}}", "{{page.title}}", "site.title", "this", "@index", "../", "lookup ", "(", ")", "\"", "<html>", "\n", "{{!", "--}}", "~",
        "date page.date \"yyyy\"", "asset site.assets \"css/x.css\"", "page.tags", "site.data.info", "<a href=\"/nowhere/\">", "</a>",
        "image images \"p.png\" width=8", "(image images \"p.png\" width=", "(image page.images \"", "url", "srcset", "images",
    ];

    /// <summary>A page's front matter and body, a layout, a partial, and a Markdown edit.</summary>
    /// <remarks>The front matter is YAML, TOML or JSON, fences included.</remarks>
    public static Arbitrary<(string FrontMatter, string Body, string Layout, string Partial, string Edit)> Sources() =>
        (from frontMatter in Gen.OneOf(
            Text(s_yaml, 24).Select(yaml => "---\n" + yaml + "\n---\n"),
            Text(s_toml, 24).Select(toml => "+++\n" + toml + "\n+++\n"),
            Text(s_json, 24).Select(json => "{" + json + "\n}\n"))
         from body in Text(s_markdown, 60)
         from layout in Text(s_template, 24)
         from partial in Text(s_template, 8)
         from edit in Text(s_markdown, 20)
         select (frontMatter, body, layout, partial, edit)).ToArbitrary();

    private static Gen<string> Text(string[] tokens, int max) =>
        from count in Gen.Choose(0, max)
        from parts in Gen.ArrayOf(Gen.Elements(tokens), count)
        select string.Concat(parts);
}
