namespace Adaptive.Site.Tests;

/// <summary>A page for <see cref="FrontMatterProperties"/>: front matter made of valid entries
/// (<see cref="Before"/>, <see cref="After"/>) around one <see cref="Error"/> entry, whose
/// problem is at the first <see cref="Marker"/> in it.</summary>
/// <param name="Before">Valid YAML lines before the error (each ending with a line break).</param>
/// <param name="Error">The erroneous entry (lines ending with a line break).</param>
/// <param name="Marker">Where in <see cref="Error"/> the problem is.</param>
/// <param name="Message">What the diagnostic says.</param>
/// <param name="After">Valid YAML lines after the error.</param>
/// <param name="Crlf">Whether the file uses CRLF line breaks.</param>
/// <param name="Bom">Whether the file starts with a byte-order mark.</param>
public sealed record FrontMatterCase(string Before, string Error, string Marker, string Message, string After, bool Crlf, bool Bom)
{
    /// <summary>The body, after the front matter.</summary>
    public const string Body = "Body, line one.\n\nAnd another.\n";

    /// <summary>The page with the error.</summary>
    public string ToText() => Page(Before + Error + After);

    /// <summary>The page without the error.</summary>
    public string ToValidText() => Page(Before + After);

    /// <summary>The 1-based line and column of the file where the error is: the opening
    /// <c>---</c> is line 1, the YAML starts on line 2.</summary>
    public (int Line, int Column) ErrorPosition()
    {
        int at = Error.IndexOf(Marker, StringComparison.Ordinal);
        int lineStart = Error.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return (2 + Before.Count(c => c == '\n') + Error[..at].Count(c => c == '\n'), 1 + at - lineStart);
    }

    /// <summary>The line where the body of <see cref="ToValidText"/> starts.</summary>
    public int ValidBodyLine() => 3 + (Before + After).Count(c => c == '\n');

    private string Page(string yaml)
    {
        string text = "---\n" + yaml + "---\n" + Body;
        return (Bom ? "\uFEFF" : string.Empty) + (Crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text);
    }
}
