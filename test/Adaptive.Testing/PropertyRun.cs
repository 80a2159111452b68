using System.Globalization;
using System.Text.RegularExpressions;

namespace Adaptive.Testing;

/// <summary>How one property runs (its test, seed and number of cases), and the lines that
/// say so in its result.</summary>
/// <param name="Test">The test's full name (<c>Namespace.Class.Method</c>).</param>
/// <param name="Seed">The seed it runs on, in FsCheck's <c>Replay</c> format.</param>
/// <param name="Cases">The number of cases it runs.</param>
/// <param name="CiCases">The number of cases it runs in CI.</param>
public sealed partial record PropertyRun(string Test, string Seed, int Cases, int CiCases)
{
    /// <summary>One line: the seed, where it came from, and the number of cases.</summary>
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"Property seed {Seed} ({Origin}), {Cases} cases ({CiCases} in CI).");

    /// <summary>How to replay a failure whose FsCheck message is <paramref name="failure"/>:
    /// FsCheck names the seed and size of the failing case ("Replay directly at failing step
    /// with (…)") unless the first case failed, which the run's own seed replays.</summary>
    public string ReplayHint(string failure)
    {
        Match step = FailingStep().Match(failure);
        string replay = step.Success ? step.Groups[1].Value : Seed;
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            {Summary} To replay this failure:
              {PropertySettings.SeedVariable}='{replay}' dotnet test --filter 'FullyQualifiedName={Test}'
            or pin it in code: [AdaptProperty({CiCases}, Replay = "{replay}")]
            """);
    }

    private string Origin => Seed == PropertySettings.Seed ? PropertySettings.SeedOrigin : "pinned by the attribute";

    [GeneratedRegex(@"Replay directly at failing step with (\(\d+,\d+,\d+\))")]
    private static partial Regex FailingStep();
}
