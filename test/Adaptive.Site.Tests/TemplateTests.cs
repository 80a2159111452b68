namespace Adaptive.Site.Tests;

public sealed class TemplateTests
{
    private static readonly Dictionary<string, TemplateSource> s_partials = new()
    {
        ["header"] = new("partials/header", "layouts/partials/header.hbs", "<h1>{{title}}</h1>{{> nav}}"),
        ["nav"] = new("partials/nav", "layouts/partials/nav.hbs", "<nav>{{#each menu}}<a href=\"{{url}}\">{{name}}</a>{{/each}}</nav>"),
        ["card"] = new("partials/card", "layouts/partials/card.hbs", "<p>{{title}}</p>"),
        ["loop-a"] = new("partials/loop-a", "layouts/partials/loop-a.hbs", "a{{> loop-b}}"),
        ["loop-b"] = new("partials/loop-b", "layouts/partials/loop-b.hbs", "b{{> loop-a}}"),
    };

    private static CompiledTemplate Compile(string text, string file = "layouts/_default/single.hbs") =>
        TemplateEngine.Compile(new TemplateSource("_default/single", file, text), name => s_partials.GetValueOrDefault(name));

    private static Dictionary<string, object?> Context() => new()
    {
        ["title"] = "Hello <World>",
        ["menu"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "Blog", ["url"] = "/blog/" } },
        ["page"] = new Dictionary<string, object?> { ["title"] = "Post", ["tags"] = new List<object?> { "go", "web" }, ["date"] = new DateTimeOffset(2024, 5, 31, 0, 0, 0, TimeSpan.Zero) },
        ["site"] = new Dictionary<string, object?> { ["assets"] = new Dictionary<string, object?> { ["css/main.css"] = "/css/main.1a2b3c.css" } },
    };

    [Fact]
    public void Partials_are_inlined_recursively_and_listed()
    {
        CompiledTemplate template = Compile("{{> header}}<main>{{> card page}}</main>");
        Assert.Equal("<h1>Hello &lt;World&gt;</h1><nav><a href=\"/blog/\">Blog</a></nav><main><p>Post</p></main>", template.Render(Context()));
        Assert.Equal(["card", "header", "nav"], template.Partials);
    }

    [Fact]
    public void Helpers_compare_format_and_resolve_assets()
    {
        string html = Compile("""
            {{#if (eq page.title "Post")}}yes{{/if}}|{{len page.tags}}|{{join page.tags ", "}}|{{date page.date "dd MMM yyyy"}}|{{urlize "C# & .NET"}}|{{asset site.assets "css/main.css"}}|{{default page.missing "none"}}|{{#if (and (gt 3 2) (not false))}}ok{{/if}}
            """).Render(Context());
        Assert.Equal("yes|2|go, web|31 May 2024|c-net|/css/main.1a2b3c.css|none|ok", html);
    }

    [Theory]
    [InlineData("{{#if x}}\nunclosed", 1, "'{{#if}}' is never closed")]
    [InlineData("a\n{{#each x}}\n{{/if}}", 3, "closes '{{#each}}' opened on line 2")]
    [InlineData("a\nb\n{{#shout}}x{{/shout}}", 3, "unknown block helper 'shout'")]
    [InlineData("a\n{{> missing}}", 2, "partial 'missing' does not exist")]
    [InlineData("{{> loop-a}}", 1, "includes itself: loop-a > loop-b > loop-a")]
    public void Template_errors_are_located(string text, int line, string message)
    {
        SiteException error = Assert.Throws<SiteException>(() => Compile(text));
        Assert.Contains(message, error.Diagnostic.Message, StringComparison.Ordinal);
        if (message.Contains("includes itself", StringComparison.Ordinal))
        {
            Assert.Equal("layouts/partials/loop-b.hbs", error.Diagnostic.File); // where the cycle closes
        }
        else
        {
            Assert.Equal(("layouts/_default/single.hbs", line), (error.Diagnostic.File, error.Diagnostic.Line));
        }
    }

    [Fact]
    public void Runtime_errors_name_the_template()
    {
        SiteException unknownHelper = Assert.Throws<SiteException>(() => Compile("{{shout title}}").Render(Context()));
        Assert.Contains("helper that cannot be resolved", unknownHelper.Diagnostic.Message, StringComparison.Ordinal);
        SiteException missingAsset = Assert.Throws<SiteException>(() => Compile("{{asset site.assets \"js/none.js\"}}").Render(Context()));
        Assert.Contains("no asset 'js/none.js'", missingAsset.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("layouts/_default/single.hbs", missingAsset.Diagnostic.File);
    }
}
