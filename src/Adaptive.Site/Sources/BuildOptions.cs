namespace Adaptive.Site;

/// <summary>Build settings from the command line (adapt.yaml's <c>build</c> settings also apply).</summary>
/// <param name="Drafts">Build drafts.</param>
/// <param name="Future">Build pages dated in the future.</param>
/// <param name="Now">The time future dates are compared with (fixed per build for deterministic output).</param>
/// <param name="Minify">Minify the HTML, CSS and JS outputs (as adapt.yaml's <c>minify: true</c>).</param>
public sealed record BuildOptions(bool Drafts = false, bool Future = false, DateTimeOffset? Now = null, bool Minify = false);
