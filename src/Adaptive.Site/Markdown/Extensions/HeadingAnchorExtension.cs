// Heading anchors: a Markdig extension that appends a "#" link to every heading with an id (ids
// come from Markdig's AutoIdentifiers, which must be set up before it), and the table of contents
// read back from those headings. Invariant: an anchor adds no words and no TOC text.
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Adaptive.Site;

/// <summary>Appends <c> &lt;a class="anchor" aria-hidden="true" href="#id"&gt;#&lt;/a&gt;</c> to
/// each heading that has an id, once the document is parsed.</summary>
internal sealed class HeadingAnchorExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += AddAnchors;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void AddAnchors(MarkdownDocument document) => Visit(document);

    private static void Visit(ContainerBlock container)
    {
        for (int i = 0; i < container.Count; i++)
        {
            switch (container[i])
            {
                case HeadingBlock heading:
                    AddAnchor(heading);
                    break;
                case ContainerBlock inner:
                    Visit(inner);
                    break;
            }
        }
    }

    private static void AddAnchor(HeadingBlock heading)
    {
        if (heading.GetAttributes().Id is not { } id || heading.Inline is null)
        {
            return;
        }

        var anchor = new HeadingAnchorInline("#" + id);
        anchor.GetAttributes().AddClass("anchor");
        anchor.GetAttributes().AddProperty("aria-hidden", "true");
        anchor.AppendChild(new LiteralInline("#"));
        heading.Inline.AppendChild(new LiteralInline(" "));
        heading.Inline.AppendChild(anchor);
    }

    /// <summary>The table of contents: headings of levels 2 to 4 that have an id, in document
    /// order, with their text (without the anchor).</summary>
    public static List<TocEntry> Toc(List<HeadingBlock> headings)
    {
        var toc = new List<TocEntry>();
        foreach (HeadingBlock heading in headings)
        {
            if (heading.Level is >= 2 and <= 4 && heading.GetAttributes().Id is { } id && heading.Inline is { } inline)
            {
                toc.Add(new TocEntry(heading.Level, id, PlainText(inline)));
            }
        }

        return toc;
    }

    private static string PlainText(ContainerInline inline)
    {
        var text = new System.Text.StringBuilder();
        foreach (Inline child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal when literal.Parent is not HeadingAnchorInline:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString().Trim();
    }
}

/// <summary>The link a heading anchor adds (told apart from the page's own links).</summary>
internal sealed class HeadingAnchorInline(string url) : LinkInline(url, string.Empty);
