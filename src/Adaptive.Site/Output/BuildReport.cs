using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>What a build did.</summary>
/// <param name="Pages">Published regular pages.</param>
/// <param name="Outputs">Output files the site produces.</param>
/// <param name="Rendered">Outputs rendered (see <see cref="RenderedPaths"/>).</param>
/// <param name="Written">Files written (their bytes changed), sorted.</param>
/// <param name="Deleted">Files deleted (no longer produced), sorted.</param>
/// <param name="Diagnostics">Problems, errors first.</param>
/// <param name="Work">The runtime's counters for this build.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Phases">How long each step took, in order (the adaptive build's steps, or the
/// phased build's phases), with how many items it handled.</param>
public sealed record BuildReport(
    int Pages,
    int Outputs,
    int Rendered,
    IReadOnlyList<string> Written,
    IReadOnlyList<string> Deleted,
    IReadOnlyList<SiteDiagnostic> Diagnostics,
    RuntimeStats Work,
    TimeSpan Elapsed,
    IReadOnlyList<PhaseTiming>? Phases = null)
{
    /// <summary>The paths of the <see cref="Rendered"/> outputs, sorted: those whose bytes this
    /// build produced to write. The adaptive build leaves out an output computed again to the
    /// bytes the last build wrote — whether that build was this process (a watch) or an earlier
    /// one (the trace) — so a new process and a live one render the same outputs for the same
    /// edit; the phased build renders every output whose recorded inputs changed.</summary>
    public IReadOnlyList<string> RenderedPaths { get; init; } = [];

    /// <summary>True when no diagnostic is an error.</summary>
    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}

/// <summary>One step of a build.</summary>
/// <param name="Name">The step (<c>discovery</c>, <c>render</c>, …).</param>
/// <param name="Elapsed">Its wall time.</param>
/// <param name="Items">What it handled (files scanned, outputs rendered, …).</param>
public sealed record PhaseTiming(string Name, TimeSpan Elapsed, int Items);
