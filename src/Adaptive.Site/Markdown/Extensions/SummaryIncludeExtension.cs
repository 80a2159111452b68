// Summary includes: a Markdig extension that turns a paragraph that is only
// {{< summary "other.md" >}} into a SummaryIncludeBlock, rendered as the included page's summary
// HTML in a <div class="included-summary">. Parsing is per pipeline; which page's summary goes
// in is per page, so the renderer fills the blocks' Html after parsing (Expand). Invariant: one
// in a code block is text, not an include; an unfilled block renders nothing.
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Adaptive.Site;

internal sealed partial class SummaryIncludeExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // A paragraph's lines are gone once its inlines are parsed: read them when it closes.
        if (pipeline.BlockParsers.FindExact<ParagraphBlockParser>() is { } paragraphs)
        {
            paragraphs.Closed -= MarkInclude;
            paragraphs.Closed += MarkInclude;
        }

        pipeline.DocumentProcessed -= ReplaceIncludes;
        pipeline.DocumentProcessed += ReplaceIncludes;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<SummaryIncludeRenderer>())
        {
            html.ObjectRenderers.Add(new SummaryIncludeRenderer());
        }
    }

    /// <summary>Whether a body may hold an include (a cheap test before a walk).</summary>
    public static bool MayInclude(string markdown) => markdown.Contains("{{<", StringComparison.Ordinal);

    [GeneratedRegex(@"^\{\{<\s*summary\s+""([^""]+)""\s*>\}\}$", RegexOptions.CultureInvariant)]
    private static partial Regex IncludePattern();

    private static readonly object s_written = new();

    private static void MarkInclude(BlockProcessor processor, Block block)
    {
        if (block is ParagraphBlock paragraph && StartsAnInclude(paragraph)
            && IncludePattern().Match(paragraph.Lines.ToString().Trim()) is { Success: true } match)
        {
            paragraph.SetData(s_written, match.Groups[1].Value);
        }
    }

    private static void ReplaceIncludes(MarkdownDocument document) => Visit(document);

    private static void Visit(ContainerBlock container)
    {
        for (int i = 0; i < container.Count; i++)
        {
            switch (container[i])
            {
                case ParagraphBlock paragraph when paragraph.GetData(s_written) is string written:
                    container.RemoveAt(i);
                    container.Insert(i, new SummaryIncludeBlock(written) { Line = paragraph.Line, Column = paragraph.Column, Span = paragraph.Span });
                    break;
                case ContainerBlock inner:
                    Visit(inner);
                    break;
            }
        }
    }

    private static bool StartsAnInclude(ParagraphBlock paragraph)
    {
        if (paragraph.Lines.Count == 0)
        {
            return false;
        }

        Markdig.Helpers.StringSlice first = paragraph.Lines.Lines[0].Slice;
        first.TrimStart();
        return first.Match("{{<");
    }

    /// <summary>The includes of a parsed document, in document order.</summary>
    public static List<SummaryIncludeBlock> Of(MarkdownDocument document) => [.. document.Descendants<SummaryIncludeBlock>()];

    private sealed class SummaryIncludeRenderer : HtmlObjectRenderer<SummaryIncludeBlock>
    {
        protected override void Write(HtmlRenderer renderer, SummaryIncludeBlock obj)
        {
            if (obj.Html is { } html) // null: not expanded (a summary leaves includes out)
            {
                renderer.Write("<div class=\"included-summary\">\n").Write(html).Write("</div>").WriteLine();
            }
        }
    }
}

/// <summary>A <c>{{&lt; summary "path" &gt;}}</c> paragraph: the path as written, and the summary
/// HTML once the page's renderer has resolved it.</summary>
internal sealed class SummaryIncludeBlock(string written) : LeafBlock(null)
{
    public string Written { get; } = written;

    public string? Html { get; set; }
}
