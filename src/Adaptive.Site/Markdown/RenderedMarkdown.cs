namespace Adaptive.Site;

/// <summary>An entry of a page's table of contents.</summary>
/// <param name="Level">The heading level (2 to 4).</param>
/// <param name="Id">The heading's anchor id.</param>
/// <param name="Text">The heading's text.</param>
public sealed record TocEntry(int Level, string Id, string Text);

/// <summary>A page body rendered to HTML, with what lists, feeds and templates need of it.
/// Compared by value.</summary>
/// <param name="Html">The body's HTML.</param>
/// <param name="SummaryHtml">The text before <c>&lt;!--more--&gt;</c>, or the first paragraph, as HTML.</param>
/// <param name="Toc">Headings of levels 2 to 4, in order.</param>
/// <param name="WordCount">Words of text (code excluded).</param>
/// <param name="ReadingMinutes">Reading time at 200 words a minute (at least 1).</param>
public sealed record RenderedMarkdown(string Html, string SummaryHtml, ValueList<TocEntry> Toc, int WordCount, int ReadingMinutes)
{
    /// <summary>The image variants the body uses (<c>file?spec</c>, sorted), which the site publishes.</summary>
    public ValueList<string> Images { get; init; } = ValueList<string>.Empty;
}
