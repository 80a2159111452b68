using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>Site values read back from the trace equal the values written (so cutoff and
/// typed accessors keep working after a new process loads them).</summary>
public sealed class SiteJsonTests
{
    private static T RoundTrip<T>(T value)
    {
        IValueCodec<T> codec = SiteJson.Codec<T>();
        var writer = new ValueWriter();
        codec.Write(value, writer);
        var reader = new ValueReader(writer.ToArray());
        return codec.Read(ref reader);
    }

    [Fact]
    public void Term_index_round_trips_with_its_lookups()
    {
        var index = new TermIndex(new ValueList<string>(["a.md", "b.md"]), new ValueList<TermPostings>([new TermPostings("tags/go", new ValueList<int>([0, 1]))]));
        TermIndex back = RoundTrip(index);
        Assert.Equal(index, back);
        Assert.Equal(1, back.PositionOf("b.md"));
        Assert.Equal([0, 1], back.PagesOf("tags/go"));
        Assert.Empty(back.PagesOf("tags/none"));
        Assert.Equal(-1, back.PositionOf("c.md"));
    }

    [Fact]
    public void Front_matter_round_trips_with_typed_terms_and_free_form_params()
    {
        FrontMatter meta = FrontMatterParser.Parse("a.md", """
            ---
            title: T
            date: 2024-05-31T10:00:00+02:00
            tags: [go, web]
            categories: notes
            aliases: [/old/]
            menu: { main: { weight: 2 } }
            params: { cover: a.png, list: [1, [2, x], { k: v }], empty: ~ }
            ---
            """, ["tags", "categories"]).Meta;
        FrontMatter back = RoundTrip(meta);
        Assert.Equal(meta, back);
        Assert.Equal(["go", "web"], back.Terms("tags"));
        Assert.Equal(meta.GetHashCode(), back.GetHashCode());
    }

    [Fact]
    public void Config_and_rendered_markdown_round_trip()
    {
        SiteConfig config = SiteConfigParser.Parse("title: T\nmenus: { main: [ { name: A, url: /a/ } ] }\npermalinks: { blog: /:slug/ }\nparams: { x: [a, b] }");
        Assert.Equal(config, RoundTrip(config));
        Assert.Equal([new ConfigMenuEntry("A", "/a/", 0, null)], RoundTrip(config).Menu("main"));
        RenderedMarkdown rendered = MarkdownRenderer.Render("a.md", "# A\n\n## B\n\ntext", 1, _ => null);
        Assert.Equal(rendered, RoundTrip(rendered));
    }
}
