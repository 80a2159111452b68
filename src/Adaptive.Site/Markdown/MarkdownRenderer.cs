using Markdig;
using Markdig.Syntax;

namespace Adaptive.Site;

/// <summary>
/// Renders page bodies with Markdig and the common extensions (pipe tables, footnotes, task
/// lists, GitHub-style heading ids, emphasis extras, auto links) plus the site's own, each in
/// <c>Markdown/Extensions/</c>: heading anchors and summary includes (Markdig extensions), and
/// cross-references and the word count (steps on the parsed document, since they need the
/// page's resolver); collects the table of contents, the summary and the word count.
/// </summary>
/// <remarks>
/// Cross-references: a link to another page's source file (<c>[Install](../guide/install.md)</c>,
/// optionally with <c>#fragment</c>) is rewritten to that page's URL through the resolver; an
/// unresolved one is a <see cref="SiteException"/> naming the file and the link's line.
/// Rendering is deterministic: the same text and resolutions give the same bytes.
/// </remarks>
public static class MarkdownRenderer
{
    /// <summary>Marks the end of the summary in a page body.</summary>
    public const string MoreMarker = "<!--more-->";

    private const int WordsPerMinute = 200;

    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseFootnotes()
        .UseTaskLists()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Use<HeadingAnchorExtension>() // after the identifiers it links to
        .Use<SummaryIncludeExtension>()
        .Use<HighlightExtension>()
        .Build();

    /// <summary>Renders <paramref name="markdown"/>, the body of <paramref name="file"/> starting at
    /// line <paramref name="bodyLine"/>.</summary>
    /// <param name="file">The page's path relative to the site, with forward slashes.</param>
    /// <param name="markdown">The body.</param>
    /// <param name="bodyLine">The 1-based line of the file where the body starts.</param>
    /// <param name="resolve">The URL of the page whose source is at a site-relative path, or
    /// null when there is none.</param>
    public static RenderedMarkdown Render(string file, string markdown, int bodyLine, Func<string, string?> resolve) =>
        Render(file, markdown, bodyLine, resolve, null);

    /// <summary>Renders like <see cref="Render(string, string, int, Func{string, string?})"/>;
    /// a paragraph that is only <c>{{&lt; summary "other.md" &gt;}}</c> (a path relative to the
    /// page, like a link) becomes the summary HTML <paramref name="includeSummary"/> returns for
    /// that page's source (null: there is no such page, an error at the paragraph's line); a
    /// fenced code block with a language becomes the HTML <paramref name="highlight"/> returns for
    /// its language and code (null, or no callback: plain code).</summary>
    public static RenderedMarkdown Render(string file, string markdown, int bodyLine, Func<string, string?> resolve, Func<string, string?>? includeSummary,
        Func<string, string, string?>? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return Render(file, markdown, bodyLine, new MarkdownHooks(resolve) { IncludeSummary = includeSummary, Highlight = highlight });
    }

    /// <summary>Renders with the site's <paramref name="hooks"/>: besides the above, each
    /// shortcode use becomes the HTML <see cref="MarkdownHooks.Shortcode"/> returns for it.</summary>
    internal static RenderedMarkdown Render(string file, string markdown, int bodyLine, MarkdownHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        List<string>? shortcodes = null;
        int shortcodeWords = 0;
        if (hooks.Shortcode is not null && ShortcodeScanner.MayHold(markdown))
        {
            shortcodes = [];
            markdown = ShortcodeExpansion.Expand(file, markdown, bodyLine, hooks, shortcodes, ref shortcodeWords);
        }

        MarkdownDocument document = Markdown.Parse(markdown, s_pipeline);
        ExpandIncludes(document, markdown, file, bodyLine, hooks.IncludeSummary);
        DocumentWalk walk = Walked(document, file, bodyLine, hooks);
        List<TocEntry> toc = HeadingAnchorExtension.Toc(walk.Headings);
        string html = ToHtml(document);
        int words = Math.Max(0, walk.Words + shortcodeWords); // counted before the summary takes the first paragraph out

        int more = markdown.IndexOf(MoreMarker, StringComparison.Ordinal);
        string summary = more >= 0
            ? ToHtml(Parsed(markdown[..more], file, bodyLine, hooks))
            : walk.FirstParagraph is { } first ? ToHtml(Single(first)) : string.Empty;
        if (shortcodes is not null)
        {
            html = ShortcodeExpansion.Fill(html, shortcodes);
            summary = ShortcodeExpansion.Fill(summary, shortcodes);
            for (int i = 0; i < toc.Count; i++)
            {
                toc[i] = ShortcodeExpansion.Fill(toc[i], shortcodes);
            }
        }

        return new RenderedMarkdown(html, summary, new ValueList<TocEntry>(toc), words, Math.Max(1, (words + WordsPerMinute - 1) / WordsPerMinute));
    }

    /// <summary>The body before <see cref="MoreMarker"/>, parsed and cross-referenced; a summary
    /// leaves includes out.</summary>
    private static MarkdownDocument Parsed(string markdown, string file, int bodyLine, MarkdownHooks hooks)
    {
        MarkdownDocument document = Markdown.Parse(markdown, s_pipeline);
        _ = Walked(document, file, bodyLine, hooks);
        return document;
    }

    /// <summary>Walks a parsed document once (links, headings, code blocks, the first paragraph
    /// and the words) and applies the hooks to what the walk found: cross-references, highlighted
    /// code, processed images.</summary>
    private static DocumentWalk Walked(MarkdownDocument document, string file, int bodyLine, MarkdownHooks hooks)
    {
        var walk = new DocumentWalk();
        walk.Visit(document);
        CrossReferences.Resolve(walk.Links, file, bodyLine, hooks.Resolve);
        if (hooks.Highlight is not null)
        {
            HighlightExtension.Fill(walk.CodeBlocks, hooks.Highlight);
        }

        if (hooks.Image is not null)
        {
            ImageOptions.Apply(walk.Links, file, bodyLine, hooks.Image);
        }

        return walk;
    }

    private static MarkdownDocument Single(ParagraphBlock paragraph)
    {
        var document = new MarkdownDocument();
        paragraph.Parent!.Remove(paragraph);
        document.Add(paragraph);
        return document;
    }

    /// <summary>Renders through the pipeline's pooled renderers (Markdig's own cache): a new
    /// renderer per document rebuilt Markdig's table of object renderers every time.</summary>
    private static string ToHtml(MarkdownDocument document) => document.ToHtml(s_pipeline);

    /// <summary>The page sources a body includes the summary of (<c>{{&lt; summary "x.md" &gt;}}</c>
    /// paragraphs), resolved against the page's folder, in order: exactly the includes
    /// <see cref="Render(string, string, int, Func{string, string?}, Func{string, string?}?, Func{string, string, string?}?)"/>
    /// expands (one in a code block is text, not an include).</summary>
    public static ValueList<string> Includes(string file, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!SummaryIncludeExtension.MayInclude(markdown))
        {
            return ValueList<string>.Empty;
        }

        var targets = new List<string>();
        string folder = Permalinks.Parent(file);
        foreach (SummaryIncludeBlock include in SummaryIncludeExtension.Of(Markdown.Parse(markdown, s_pipeline)))
        {
            targets.Add(CrossReferences.SitePath(folder, include.Written));
        }

        return new ValueList<string>(targets);
    }

    /// <summary>Fills each include of the page with the summary HTML of the page it names.</summary>
    private static void ExpandIncludes(MarkdownDocument document, string markdown, string file, int bodyLine, Func<string, string?>? includeSummary)
    {
        if (includeSummary is null || !SummaryIncludeExtension.MayInclude(markdown))
        {
            return;
        }

        string folder = Permalinks.Parent(file);
        foreach (SummaryIncludeBlock include in SummaryIncludeExtension.Of(document))
        {
            string target = CrossReferences.SitePath(folder, include.Written);
            try
            {
                include.Html = includeSummary(target) ?? throw new SiteException(new SiteDiagnostic(file, bodyLine + include.Line, include.Column + 1,
                    $"summary of '{include.Written}': there is no page at '{target}'. Fix the path"));
            }
            catch (IncludeCycleException cycle)
            {
                throw new SiteException(new SiteDiagnostic(file, bodyLine + include.Line, include.Column + 1, cycle.Message));
            }
        }
    }
}

/// <summary>What rendering a page's body asks the site: the URL of a cross-referenced page
/// (null: none), the summary HTML of an included page (null: none), a code block's highlighted
/// HTML (null: plain) and a shortcode use's HTML. Without a callback, the feature is off.</summary>
internal sealed record MarkdownHooks(Func<string, string?> Resolve)
{
    public Func<string, string?>? IncludeSummary { get; init; }

    public Func<string, string, string?>? Highlight { get; init; }

    public Func<ShortcodeCall, string>? Shortcode { get; init; }

    /// <summary>An image with options (<c>![A cat](cat.jpg?width=800)</c>): its source as written
    /// and the options, to the image as the page shows it.</summary>
    public Func<string, ImageSpec, ProcessedImage>? Image { get; init; }
}

/// <summary>Thrown by an include callback when including a summary would make a cycle through
/// page content; the renderer reports it at the include's line.</summary>
internal sealed class IncludeCycleException(string message) : Exception(message);
