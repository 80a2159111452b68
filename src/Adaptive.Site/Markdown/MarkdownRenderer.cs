using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Adaptive.Site;

/// <summary>
/// Renders page bodies with Markdig and the common extensions (pipe tables, footnotes, task
/// lists, GitHub-style heading ids, emphasis extras, auto links), adds an anchor link to each
/// heading, and collects the table of contents, the summary and the word count.
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
    /// that page's source (null: there is no such page, an error at the paragraph's line).</summary>
    public static RenderedMarkdown Render(string file, string markdown, int bodyLine, Func<string, string?> resolve, Func<string, string?>? includeSummary)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(resolve);
        MarkdownDocument document = Markdown.Parse(markdown, s_pipeline);
        ExpandIncludes(document, markdown, file, bodyLine, includeSummary);
        var walk = new DocumentWalk();
        walk.Visit(document); // one pass for links, headings, the first paragraph and the words
        ResolveCrossReferences(walk.Links, file, bodyLine, resolve);
        var toc = new List<TocEntry>();
        AddHeadingAnchors(walk.Headings, toc);
        string html = ToHtml(document);
        int words = walk.Words; // counted before the summary takes the first paragraph out (anchors add no words)

        int more = markdown.IndexOf(MoreMarker, StringComparison.Ordinal);
        string summary = more >= 0
            ? ToHtml(Parsed(markdown[..more], file, bodyLine, resolve))
            : walk.FirstParagraph is { } first ? ToHtml(Single(first)) : string.Empty;

        return new RenderedMarkdown(html, summary, new ValueList<TocEntry>(toc), words, Math.Max(1, (words + WordsPerMinute - 1) / WordsPerMinute));
    }

    private static MarkdownDocument Parsed(string markdown, string file, int bodyLine, Func<string, string?> resolve)
    {
        MarkdownDocument document = Markdown.Parse(markdown, s_pipeline);
        ExpandIncludes(document, markdown, file, bodyLine, null); // a summary leaves includes out
        var walk = new DocumentWalk();
        walk.Visit(document);
        ResolveCrossReferences(walk.Links, file, bodyLine, resolve);
        AddHeadingAnchors(walk.Headings, []);
        return document;
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

    /// <summary>What the renderer needs from a parsed document, gathered in one pre-order walk
    /// (document order, as Markdig's <c>Descendants</c> gives it) without an enumerator or a
    /// stack per query: the links, the headings, the first paragraph and the word count.</summary>
    private sealed class DocumentWalk
    {
        public List<LinkInline> Links { get; } = [];

        public List<HeadingBlock> Headings { get; } = [];

        public ParagraphBlock? FirstParagraph { get; private set; }

        public int Words { get; private set; }

        public void Visit(Block block)
        {
            if (block is ContainerBlock container)
            {
                for (int i = 0; i < container.Count; i++)
                {
                    Visit(container[i]);
                }

                return;
            }

            if (block is ParagraphBlock paragraph)
            {
                FirstParagraph ??= paragraph;
            }
            else if (block is HeadingBlock heading)
            {
                Headings.Add(heading);
            }

            if (block is LeafBlock { Inline: { } inline })
            {
                Visit(inline);
            }
        }

        private void Visit(ContainerInline container)
        {
            for (Inline? child = container.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is LiteralInline literal)
                {
                    Words += CountWords(literal.Content.AsSpan());
                }
                else if (child is LinkInline link)
                {
                    Links.Add(link);
                }

                if (child is ContainerInline inner)
                {
                    Visit(inner);
                }
            }
        }
    }

    /// <summary>The page sources a body includes the summary of (<c>{{&lt; summary "x.md" &gt;}}</c>
    /// paragraphs), resolved against the page's folder, in order: exactly the includes
    /// <see cref="Render(string, string, int, Func{string, string?}, Func{string, string?}?)"/>
    /// expands (one in a code block is text, not an include).</summary>
    public static ValueList<string> Includes(string file, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!MayInclude(markdown))
        {
            return ValueList<string>.Empty;
        }

        var targets = new List<string>();
        foreach ((_, _, string target) in IncludeParagraphs(Markdown.Parse(markdown, s_pipeline), markdown, file))
        {
            targets.Add(target);
        }

        return new ValueList<string>(targets);
    }

    private static readonly System.Text.RegularExpressions.Regex s_include = new(
        @"^\{\{<\s*summary\s+""([^""]+)""\s*>\}\}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool MayInclude(string markdown) => markdown.Contains("{{<", StringComparison.Ordinal);

    private static string Folder(string file) => file.Contains('/', StringComparison.Ordinal) ? file[..file.LastIndexOf('/')] : string.Empty;

    /// <summary>The paragraphs that are only an include: each with the path as written and the
    /// source it names.</summary>
    private static List<(ParagraphBlock Paragraph, string Written, string Target)> IncludeParagraphs(MarkdownDocument document, string markdown, string file)
    {
        var found = new List<(ParagraphBlock, string, string)>();
        foreach (ParagraphBlock paragraph in document.Descendants<ParagraphBlock>())
        {
            string text = markdown.Substring(paragraph.Span.Start, paragraph.Span.Length).Trim();
            if (s_include.Match(text) is { Success: true } match)
            {
                found.Add((paragraph, match.Groups[1].Value, Normalize(Folder(file), match.Groups[1].Value)));
            }
        }

        return found;
    }

    private static void ExpandIncludes(MarkdownDocument document, string markdown, string file, int bodyLine, Func<string, string?>? includeSummary)
    {
        if (!MayInclude(markdown))
        {
            return;
        }

        foreach ((ParagraphBlock paragraph, string written, string target) in IncludeParagraphs(document, markdown, file))
        {
            string html;
            if (includeSummary is null)
            {
                html = string.Empty;
            }
            else
            {
                try
                {
                    html = includeSummary(target) ?? throw new SiteException(new SiteDiagnostic(file, bodyLine + paragraph.Line, paragraph.Column + 1,
                        $"summary of '{written}': there is no page at '{target}'. Fix the path"));
                }
                catch (IncludeCycleException cycle)
                {
                    throw new SiteException(new SiteDiagnostic(file, bodyLine + paragraph.Line, paragraph.Column + 1, cycle.Message));
                }

                html = "<div class=\"included-summary\">\n" + html + "</div>";
            }

            var block = new HtmlBlock(null) { Type = HtmlBlockType.NonInterruptingBlock };
            block.Lines = new Markdig.Helpers.StringLineGroup(1);
            block.Lines.Add(new Markdig.Helpers.StringSlice(html));
            ContainerBlock parent = paragraph.Parent!;
            int index = parent.IndexOf(paragraph);
            parent.RemoveAt(index);
            if (html.Length > 0)
            {
                parent.Insert(index, block);
            }
        }
    }

    private static void ResolveCrossReferences(List<LinkInline> links, string file, int bodyLine, Func<string, string?> resolve)
    {
        string folder = Folder(file);
        foreach (LinkInline link in links)
        {
            if (link.IsImage || link.Url is not { } url || !IsSourceLink(url))
            {
                continue;
            }

            int hash = url.IndexOf('#', StringComparison.Ordinal);
            string path = hash >= 0 ? url[..hash] : url;
            string fragment = hash >= 0 ? url[hash..] : string.Empty;
            string target = Normalize(folder, Uri.UnescapeDataString(path));
            string? resolved = resolve(target);
            if (resolved is null)
            {
                throw new SiteException(new SiteDiagnostic(file, bodyLine + link.Line, link.Column + 1,
                    $"link to '{url}': there is no page at '{target}'. Fix the path, or link to a URL instead"));
            }

            link.Url = resolved + fragment;
        }
    }

    /// <summary>A relative link to a Markdown source file (not a URL, not absolute).</summary>
    private static bool IsSourceLink(string url)
    {
        if (url.Length == 0 || url[0] is '/' or '#' || url.Contains("://", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int end = url.IndexOfAny(['#', '?']);
        string path = end >= 0 ? url[..end] : url;
        return path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Resolves <c>..</c> and <c>.</c> against the linking file's folder; a path that
    /// climbs above the site stays as written (it resolves to nothing).</summary>
    private static string Normalize(string folder, string relative)
    {
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (string part in relative.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return relative;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static void AddHeadingAnchors(List<HeadingBlock> headings, List<TocEntry> toc)
    {
        foreach (HeadingBlock heading in headings)
        {
            string? id = heading.GetAttributes().Id;
            if (id is null || heading.Inline is null)
            {
                continue;
            }

            if (heading.Level is >= 2 and <= 4)
            {
                toc.Add(new TocEntry(heading.Level, id, PlainText(heading.Inline)));
            }

            var anchor = new LinkInline("#" + id, string.Empty);
            anchor.GetAttributes().AddClass("anchor");
            anchor.GetAttributes().AddProperty("aria-hidden", "true");
            anchor.AppendChild(new LiteralInline("#"));
            heading.Inline.AppendChild(new LiteralInline(" "));
            heading.Inline.AppendChild(anchor);
        }
    }

    private static string PlainText(ContainerInline inline)
    {
        var text = new System.Text.StringBuilder();
        foreach (Inline child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString().Trim();
    }

    private static int CountWords(ReadOnlySpan<char> text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool letter = char.IsLetterOrDigit(c) || c is '\'' or '-' or '_';
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }
}

/// <summary>Thrown by an include callback when including a summary would make a cycle through
/// page content; the renderer reports it at the include's line.</summary>
internal sealed class IncludeCycleException(string message) : Exception(message);
