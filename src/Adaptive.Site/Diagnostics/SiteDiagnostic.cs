using System.Globalization;

namespace Adaptive.Site;

/// <summary>How serious a <see cref="SiteDiagnostic"/> is: errors fail the build (the other
/// pages are still built), warnings do not.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth fixing; the output is still complete.</summary>
    Warning,

    /// <summary>The build fails (exit code 1); what could be built is still written.</summary>
    Error,
}

/// <summary>
/// A problem in a site's input, located in a file: what users see as
/// <c>content/blog/post.md:3:7: error: ...</c>. Line and column are 1-based; 0 when unknown.
/// </summary>
/// <param name="File">The file, relative to the site's folder, with forward slashes.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Message">What is wrong, and what to do.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record SiteDiagnostic(string File, int Line, int Column, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>The order builds report diagnostics in: errors first, then by text.</summary>
    internal static int Order(SiteDiagnostic a, SiteDiagnostic b) =>
        a.Severity != b.Severity ? b.Severity.CompareTo(a.Severity) : string.CompareOrdinal(a.ToString(), b.ToString());

    /// <summary><c>file:line:col: severity: message</c> (line and column omitted when unknown).</summary>
    public override string ToString()
    {
        string location = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Math.Max(Column, 1)}")
            : File;
        return location + ": " + (Severity == DiagnosticSeverity.Error ? "error" : "warning") + ": " + Message;
    }
}

/// <summary>Thrown by a computation whose input is invalid; memos cache it like any
/// exception, and the build reports its diagnostic instead of a stack trace.</summary>
public sealed class SiteException(SiteDiagnostic diagnostic) : Exception(diagnostic.ToString())
{
    /// <summary>The problem.</summary>
    public SiteDiagnostic Diagnostic { get; } = diagnostic;
}
