namespace Adaptive.Testing;

/// <summary>
/// How many cases each property runs in CI (<see cref="PropertySettings.CasesVariable"/> raises
/// them). One place for every count, so CI's cost is visible at a glance; .ci/run prints them
/// from here.
/// </summary>
public static class PropertyCases
{
    /// <summary>The runtime against the reference model (<c>RuntimeProperties</c>, eager memos).</summary>
    public const int Runtime = 200;

    /// <summary>A new process on a saved trace (<c>TraceReuseTests</c>).</summary>
    public const int Trace = 200;

    /// <summary>Value codec round-trips.</summary>
    public const int Codec = 200;

    /// <summary>Pure text functions: key text, slugs, permalinks, front-matter positions.</summary>
    public const int Text = 500;

    /// <summary>The site differential (random sites and edit sequences, four builds per edit).</summary>
    public const int SiteDifferential = 60;

    /// <summary>A fresh copy of a site with its trace and output restored (a CI cache).</summary>
    public const int SiteCopy = 30;

    /// <summary>Fuzzed front matter, Markdown and templates (three builds per case).</summary>
    public const int Fuzz = 120;
}
