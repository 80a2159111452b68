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

    private static readonly string[] s_markdown =
    [
        "# ", "## ", "###### ", "*", "**", "_", "`", "```\n", "~~~", "[", "](", ")", "![", "|", "|---|", "\n", "\n\n", "> ", "- ", "1. ", "<div>", "</div>",
        "<script>", "</script>", "{{< summary \"", "b.md", "a.md", "c.md", "\" >}}", "<!--more-->", "[^1]", "[^1]: ", "http://x.org", "../", "&amp;", "<", ">",
        "\\", "    code", "- [ ] ", "word ", "word ", "word ", "\t", "é", "\u200b", "\r\n", "<!--", "-->", "---\n", "\0",
    ];

    private static readonly string[] s_template =
    [
        "{{", "}}", "{{{", "}}}", "#if ", "/if", "#each ", "/each", "#with ", "/with", "else", "> ", "footer", "loop", "page.title", "page.content",
        "{{{page.content}}}", "{{page.title}}", "site.title", "this", "@index", "../", "lookup ", "(", ")", "\"", "<html>", "\n", "{{!", "--}}", "~",
        "date page.date \"yyyy\"", "asset site.assets \"css/x.css\"", "page.tags", "site.data.info", "<a href=\"/nowhere/\">", "</a>",
    ];

    /// <summary>A page's front matter and body, a layout, a partial, and a Markdown edit.</summary>
    public static Arbitrary<(string FrontMatter, string Body, string Layout, string Partial, string Edit)> Sources() =>
        (from frontMatter in Text(s_yaml, 24)
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
