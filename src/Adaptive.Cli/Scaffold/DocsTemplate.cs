namespace Adaptive.Cli.Scaffold;

/// <summary>The files of a new documentation site (<c>adapt new site DIR --theme docs</c>): a home
/// page, a docs section whose pages show highlighted code in several languages, front matter in
/// YAML, TOML and JSON, cross-references, a docs layout with previous/next links, and the
/// search box. It builds without errors or warnings with the default theme.</summary>
internal static class DocsTemplate
{
    public static IReadOnlyList<(string Path, string Text)> Files(string title, string date) =>
    [
        ("adapt.yaml", $$"""
            title: {{title}}
            baseUrl: http://localhost:1313/
            language: en
            description: Documentation built with adapt.
            taxonomies: [tags]
            menus:
              main:
                - { name: Docs, url: /docs/, weight: 1 }
                - { name: Install, url: /docs/install/, weight: 1, parent: Docs }
                - { name: Configure, url: /docs/configure/, weight: 2, parent: Docs }
                - { name: API, url: /docs/api/, weight: 3, parent: Docs }
            disableKinds: [rss]

            """),
        ("content/_index.md", """
            ---
            title: Welcome
            ---
            This documentation site was created by `adapt new site --theme docs`. Start with
            [installing](docs/install.md), or search the pages from the box at the top.
            """),
        ("content/docs/_index.md", """
            ---
            title: Docs
            ---
            Everything about the project, one page per task.
            """),
        ("content/docs/install.md", $$$"""
            ---
            title: Install
            date: {{{date}}}
            weight: 1
            tags: [setup]
            ---
            Install the tool, then check that it runs.

            ```sh
            dotnet tool install --global adapt
            adapt --version   # prints the version
            ```

            {{< note title="Requirements" >}}
            The **.NET 10 SDK**; check with `dotnet --version`.
            {{< /note >}}

            {{< warning >}}
            A global tool is on your `PATH` only after you open a new terminal.
            {{< /warning >}}

            Then [configure](configure.md) your site.

            {{< card url="/docs/api/" title="API reference" description="Every call, with examples in four languages" >}}
            """),
        ("content/docs/configure.md", $$"""
            +++
            title = "Configure"
            date = {{date}}
            weight = 2
            tags = ["setup", "config"]
            +++
            This page's front matter is TOML, between `+++` lines. The site's settings are YAML:

            ```yaml
            title: My docs
            baseUrl: https://example.org/
            minify: true
            ```

            Code in other languages is highlighted too, in light and dark:

            ```go
            func main() {
                fmt.Println("hello") // greet
            }
            ```
            """),
        ("content/docs/api.md", $$"""
            {
              "title": "API",
              "date": "{{date}}",
              "weight": 3,
              "tags": ["reference"]
            }
            This page's front matter is JSON. Call the library from C#:

            ```csharp
            using var runtime = new AdaptiveRuntime();
            Ref<int> count = runtime.Ref(1);
            Console.WriteLine(count.Value + 1); // 2
            ```

            Back to [install](install.md).
            """),
        ("layouts/docs/single.hbs", """
            {{> breadcrumbs}}
            <article class="page">
            <header class="page-header"><h1>{{page.title}}</h1>{{> terms}}</header>
            {{> toc}}
            <div class="content">{{{page.content}}}</div>
            <nav class="pager" aria-label="Previous and next">{{#if page.prev}}<a rel="prev" href="{{page.prev.url}}">← {{page.prev.title}}</a>{{/if}} {{#if page.next}}<a rel="next" href="{{page.next.url}}">{{page.next.title}} →</a>{{/if}}</nav>
            </article>
            """),
    ];
}
