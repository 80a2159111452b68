namespace Adaptive.Site.Tests;

public sealed class MarkdownRendererTests
{
    private static readonly Dictionary<string, string> s_pages = new()
    {
        ["content/guide/install.md"] = "/guide/install/",
        ["content/blog/post.md"] = "/blog/post/",
    };

    private static RenderedMarkdown Render(string markdown, string file = "content/blog/post.md", int bodyLine = 1) =>
        MarkdownRenderer.Render(file, markdown, bodyLine, path => s_pages.GetValueOrDefault(path));

    [Fact]
    public void Common_extensions_are_enabled()
    {
        string html = Render("""
            | a | b |
            |---|---|
            | 1 | 2 |

            - [x] done
            - [ ] todo

            Text with a note[^1] and ~~strike~~.

            [^1]: The note.
            """).Html;
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"footnote-ref\"", html, StringComparison.Ordinal);
        Assert.Contains("<del>strike</del>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_get_ids_anchors_and_a_table_of_contents()
    {
        RenderedMarkdown page = Render("# Title\n\n## Getting started\n\n### With `adapt`\n\n##### Too deep\n");
        Assert.Contains("<h2 id=\"getting-started\">Getting started <a href=\"#getting-started\" class=\"anchor\" aria-hidden=\"true\">#</a></h2>", page.Html, StringComparison.Ordinal);
        Assert.Equal([new TocEntry(2, "getting-started", "Getting started"), new TocEntry(3, "with-adapt", "With adapt")], page.Toc);
    }

    [Fact]
    public void Summary_is_the_text_before_more_or_else_the_first_paragraph()
    {
        Assert.Equal("<p>Intro <em>here</em>.</p>\n", Render("Intro *here*.\n\nSecond paragraph.").SummaryHtml);
        Assert.Equal("<p>One.</p>\n<p>Two.</p>\n", Render("One.\n\nTwo.\n\n<!--more-->\n\nThree.").SummaryHtml);
        Assert.Equal(string.Empty, Render("# Only a heading").SummaryHtml);
    }

    [Fact]
    public void Words_are_counted_outside_code_and_reading_time_rounds_up()
    {
        RenderedMarkdown page = Render("Three small words.\n\n```\nnot counted at all\n```\n");
        Assert.Equal(3, page.WordCount);
        Assert.Equal(1, page.ReadingMinutes);
        Assert.Equal(3, Render(string.Join(' ', Enumerable.Repeat("word", 401))).ReadingMinutes);
    }

    [Fact]
    public void Links_to_source_files_become_page_urls()
    {
        string html = Render("See [install](../guide/install.md#linux), [self](post.md), [web](https://x.org/a.md) and [top](/abs.md).").Html;
        Assert.Contains("<a href=\"/guide/install/#linux\">install</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/blog/post/\">self</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://x.org/a.md\">web</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/abs.md\">top</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_link_is_an_error_at_its_line()
    {
        SiteException error = Assert.Throws<SiteException>(() => Render("Intro.\n\nSee [gone](../guide/missing.md).", bodyLine: 5));
        Assert.Equal(("content/blog/post.md", 7, 5), (error.Diagnostic.File, error.Diagnostic.Line, error.Diagnostic.Column));
        Assert.Contains("no page at 'content/guide/missing.md'", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Includes_are_the_paragraphs_rendering_expands_not_text_in_code()
    {
        string markdown = "```\n{{< summary \"b.md\" >}}\n```\n\n    {{< summary \"d.md\" >}}\n\n{{< summary \"../c.md\" >}}\n";
        Assert.Equal(["content/c.md"], MarkdownRenderer.Includes("content/blog/a.md", markdown));
        RenderedMarkdown rendered = MarkdownRenderer.Render("content/blog/a.md", markdown, 1, _ => null, target => "<p>" + target + "</p>\n");
        Assert.Contains("<div class=\"included-summary\">\n<p>content/c.md</p>\n</div>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("{{&lt; summary &quot;b.md&quot; &gt;}}", rendered.Html, StringComparison.Ordinal); // code stays code
    }

    [Fact]
    public void Rendering_is_deterministic_and_compares_by_value()
    {
        const string Text = "# A\n\nSome [link](../guide/install.md).\n\n## B\n";
        Assert.Equal(Render(Text), Render(Text));
    }
}
