namespace Adaptive.Cli.Scaffold;

/// <summary>The files of a new site (<c>adapt new site</c>): configuration, a home page, a blog
/// and a docs section with tags and a cross-reference, an about page, a data file, and a post
/// that shows a processed image (<see cref="ImagePath"/>), shortcodes and highlighted code. It
/// builds without errors or warnings with the default theme.</summary>
internal static class SiteTemplate
{
    /// <summary>The picture the second post shows (<see cref="StarterImage"/>), beside it.</summary>
    public const string ImagePath = "content/blog/sunrise.jpg";

    public static IReadOnlyList<(string Path, string Text)> Files(string title, string date) =>
    [
        ("adapt.yaml", $$"""
            title: {{title}}
            baseUrl: http://localhost:1313/
            language: en
            description: A site built with adapt.
            author: You
            pagination: 10
            taxonomies: [tags, categories]
            menus:
              main:
                - { name: Blog, url: /blog/, weight: 1 }
                - { name: Docs, url: /docs/, weight: 2 }
                - { name: Getting started, url: /docs/getting-started/, weight: 1, parent: Docs }
                - { name: About, url: /about/, weight: 3 }
            params:
              tagline: Fast, correct rebuilds.

            """),
        ("content/_index.md", """
            ---
            title: Welcome
            ---
            This site was created by `adapt new site`. Edit `content/_index.md` and watch the page
            update: run `adapt watch --serve` and open the address it prints.
            """),
        ("content/about.md", """
            ---
            title: About
            ---
            Tell your readers who you are. Pages at the top of `content/` are not in a section.
            """),
        ("content/blog/_index.md", """
            ---
            title: Blog
            ---
            News and notes, newest first.
            """),
        ("content/blog/hello-world.md", $"""
            ---
            title: Hello, world
            date: {date}
            tags: [welcome, adapt]
            categories: [news]
            ---
            The first post of this site. Read [getting started](../docs/getting-started.md) to see
            how pages, sections and templates fit together.

            <!--more-->

            ## What's inside

            - Markdown with tables, footnotes[^1] and task lists
            - [x] tags and categories
            - [ ] your next post

            [^1]: Like this one.
            """),
        ("content/blog/second-post.md", $$$"""
            ---
            title: A second post
            date: {{{date}}}
            tags: [adapt]
            ---
            Posts are listed by weight, then date (newest first), then title.

            {{< figure src="sunrise.jpg" alt="A warm gradient, like a sunrise" caption="content/blog/sunrise.jpg, resized to 480 pixels and converted to WebP at build time" width="480" format="webp" >}}

            | Command | What it does |
            |---|---|
            | `adapt build` | builds the site into `public/` |
            | `adapt watch --serve` | rebuilds on every edit and reloads the browser |

            {{< note title="Shortcodes" >}}
            This box is the built-in `note` shortcode; `warning`, `figure` and `card` are built in
            too, and your own go in `layouts/shortcodes/`. Markdown works **inside** them.
            {{< /note >}}

            Code is highlighted when the page is built:

            ```sh
            adapt new page blog/my-post.md   # a new post with front matter
            adapt watch --serve              # rebuild and reload on every edit
            ```

            A thumbnail from Markdown alone: ![A sunrise, small](sunrise.jpg?width=160&height=160&fit=cover)

            {{< card url="/docs/getting-started/" title="Getting started" description="How pages, sections, templates and shortcodes fit together" >}}
            """),
        ("content/docs/_index.md", """
            ---
            title: Docs
            ---
            How this site works.
            """),
        ("content/docs/getting-started.md", """
            ---
            title: Getting started
            weight: 1
            tags: [adapt]
            ---
            ## Pages

            Every `.md` file under `content/` is a page; its folder is its section. Front matter
            between `---` lines sets the title, date, tags and more.

            ## Templates

            The default theme is built in. Run `adapt theme eject` to copy its layouts into
            `layouts/` and change them.

            ## Data

            Files in `data/` are visible to templates: `{{site.data.links}}`.
            """),
        ("data/links.yaml", """
            - name: adapt on the command line
              url: /docs/getting-started/
            """),
    ];
}
