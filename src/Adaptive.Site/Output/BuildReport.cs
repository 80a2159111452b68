using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>What a build did.</summary>
/// <param name="Pages">Published regular pages.</param>
/// <param name="Outputs">Output files the site produces.</param>
/// <param name="Rendered">Outputs computed again (new or changed inputs).</param>
/// <param name="Written">Files written (their bytes changed), sorted.</param>
/// <param name="Deleted">Files deleted (no longer produced), sorted.</param>
/// <param name="Diagnostics">Problems, errors first.</param>
/// <param name="Work">The runtime's counters for this build.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record BuildReport(
    int Pages,
    int Outputs,
    int Rendered,
    IReadOnlyList<string> Written,
    IReadOnlyList<string> Deleted,
    IReadOnlyList<SiteDiagnostic> Diagnostics,
    RuntimeStats Work,
    TimeSpan Elapsed)
{
    /// <summary>True when no diagnostic is an error.</summary>
    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}
