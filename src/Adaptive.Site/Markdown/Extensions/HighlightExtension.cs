// Highlighted code: a Markdig extension whose code block renderer writes a fenced block's
// highlighted HTML (spans from Highlighter) when the renderer filled it in after parsing
// (Fill), and Markdig's own markup otherwise: the same <pre><code class="language-x"> element,
// so a block without a grammar, an indented block and a build without highlighting look alike.
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Adaptive.Site;

internal sealed class HighlightExtension : IMarkdownExtension
{
    private static readonly object s_html = new();

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && html.ObjectRenderers.FindExact<CodeBlockRenderer>() is { } plain)
        {
            html.ObjectRenderers.Replace<CodeBlockRenderer>(new HighlightedCodeBlockRenderer());
            _ = plain;
        }
    }

    /// <summary>Gives each of the fenced <paramref name="blocks"/> that has a language the HTML
    /// <paramref name="highlight"/> returns for its language and code (null: rendered as plain
    /// code).</summary>
    public static void Fill(List<FencedCodeBlock> blocks, Func<string, string, string?> highlight)
    {
        foreach (FencedCodeBlock block in blocks)
        {
            if (!string.IsNullOrWhiteSpace(block.Info) && highlight(block.Info, block.Lines.ToString()) is { } html)
            {
                block.SetData(s_html, html);
            }
        }
    }

    private sealed class HighlightedCodeBlockRenderer : CodeBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            if (obj.GetData(s_html) is not string html || !renderer.EnableHtmlForBlock)
            {
                base.Write(renderer, obj);
                return;
            }

            renderer.EnsureLine();
            renderer.Write("<pre><code");
            renderer.WriteAttributes(obj);
            renderer.Write('>');
            renderer.Write(html);
            renderer.WriteLine("</code></pre>");
            renderer.EnsureLine();
        }
    }
}
