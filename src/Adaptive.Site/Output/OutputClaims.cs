namespace Adaptive.Site;

/// <summary>The outputs (one per path) and the problems found listing them.</summary>
/// <param name="Entries">The outputs, sorted by path.</param>
/// <param name="Problems">Conflicts and invalid URLs.</param>
/// <param name="Disabled">The paths of outputs whose kind adapt.yaml disables (not made; links
/// to them are not broken), sorted.</param>
internal sealed record OutputClaims(ValueList<OutputEntry> Entries, ValueList<SiteDiagnostic> Problems, ValueList<string> Disabled);

/// <summary>What a build reports besides output bytes.</summary>
/// <param name="Pages">Published regular pages.</param>
/// <param name="Problems">Output conflicts, data file errors, broken links.</param>
internal sealed record SiteReport(int Pages, ValueList<SiteDiagnostic> Problems);
