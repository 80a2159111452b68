// What the renderer needs from a parsed document, gathered in one pre-order walk: the links (for
// cross-references), the headings (for the table of contents), the fenced code blocks (for
// highlighting), the first paragraph (the default summary) and the word count. Invariant: document order, as Markdig's Descendants gives it,
// without an enumerator or a stack per query; heading anchors add no words.
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Adaptive.Site;

internal sealed class DocumentWalk
{
    public List<LinkInline> Links { get; } = [];

    public List<HeadingBlock> Headings { get; } = [];

    public List<FencedCodeBlock> CodeBlocks { get; } = [];

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
        else if (block is FencedCodeBlock code)
        {
            CodeBlocks.Add(code);
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
