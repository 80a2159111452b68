namespace Adaptive.Site;

/// <summary>A page's Markdown body, without its front matter.</summary>
/// <param name="Markdown">The body's text.</param>
/// <param name="Line">The 1-based line of the file where it starts (for diagnostics).</param>
public sealed record PageBody(string Markdown, int Line);
