using System.Globalization;

namespace Adaptive.Testing;

/// <summary>
/// The seed and the number of cases every <see cref="AdaptPropertyAttribute"/> property runs
/// with, read once per test process from two environment variables:
/// <list type="bullet">
/// <item><c>ADAPT_PROPERTY_SEED</c>: unset (CI) → <see cref="FixedSeed"/>, so a run never depends
/// on luck; <c>random</c> → a fresh seed for this process (exploration), printed like any other;
/// <c>(seed,gamma)</c> → that whole run again; <c>(seed,gamma,size)</c> → the single case that
/// a failure printed.</item>
/// <item><c>ADAPT_PROPERTY_CASES</c>: a minimum. Each property runs
/// <c>max(its own count, this)</c> cases (<see cref="PropertyCases"/>): it raises cheap and
/// expensive properties alike and never lowers what CI runs.</item>
/// </list>
/// A value that cannot be read fails every property with <see cref="Problem"/>, rather than
/// silently running something else.
/// </summary>
public static class PropertySettings
{
    /// <summary>The variable that selects the seed.</summary>
    public const string SeedVariable = "ADAPT_PROPERTY_SEED";

    /// <summary>The variable that raises the number of cases.</summary>
    public const string CasesVariable = "ADAPT_PROPERTY_CASES";

    /// <summary>The seed of every property when <see cref="SeedVariable"/> is unset, in FsCheck's
    /// <c>Replay</c> format <c>(seed,gamma)</c> (gamma odd). .ci/run prints it from here.</summary>
    public const string FixedSeed = "(9198766858358548429,3220206447830616737)";

    static PropertySettings()
    {
        string? seed = Environment.GetEnvironmentVariable(SeedVariable);
        string? cases = Environment.GetEnvironmentVariable(CasesVariable);
        if (string.IsNullOrWhiteSpace(seed))
        {
            Seed = FixedSeed;
            SeedOrigin = "fixed";
        }
        else if (seed.Trim().Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            // One seed for the whole process: printed with every result, it replays every property.
            Span<byte> bits = stackalloc byte[16];
            Random.Shared.NextBytes(bits);
            ulong value = BitConverter.ToUInt64(bits);
            ulong gamma = BitConverter.ToUInt64(bits[8..]) | 1;
            Seed = string.Create(CultureInfo.InvariantCulture, $"({value},{gamma})");
            SeedOrigin = "random";
        }
        else if (IsReplay(seed))
        {
            Seed = seed.Trim();
            SeedOrigin = "from " + SeedVariable;
        }
        else
        {
            Seed = FixedSeed;
            SeedOrigin = "fixed";
            Problem = $"{SeedVariable}='{seed}' is not 'random', '(seed,gamma)' or '(seed,gamma,size)' with an odd gamma";
        }

        if (string.IsNullOrWhiteSpace(cases))
        {
            MinimumCases = 0;
        }
        else if (int.TryParse(cases, NumberStyles.None, CultureInfo.InvariantCulture, out int minimum) && minimum > 0)
        {
            MinimumCases = minimum;
        }
        else
        {
            Problem = $"{CasesVariable}='{cases}' is not a positive whole number";
        }
    }

    /// <summary>The seed in FsCheck's <c>Replay</c> format.</summary>
    public static string Seed { get; }

    /// <summary>Where <see cref="Seed"/> came from: <c>fixed</c>, <c>random</c> or the variable.</summary>
    public static string SeedOrigin { get; }

    /// <summary>The <see cref="CasesVariable"/> minimum (0 when unset).</summary>
    public static int MinimumCases { get; }

    /// <summary>Why the variables cannot be used, or null.</summary>
    public static string? Problem { get; }

    /// <summary>The number of cases for a property whose CI count is <paramref name="ciCases"/>.</summary>
    public static int Cases(int ciCases) => Math.Max(ciCases, MinimumCases);

    /// <summary>Whether <paramref name="text"/> is <c>(seed,gamma)</c> or
    /// <c>(seed,gamma,size)</c> with an odd gamma (FsCheck's random generator needs one).</summary>
    public static bool IsReplay(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (!trimmed.StartsWith('(') || !trimmed.EndsWith(')'))
        {
            return false;
        }

        string[] parts = trimmed[1..^1].Split(',');
        return parts.Length is 2 or 3
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong gamma) && gamma % 2 == 1
            && (parts.Length == 2 || uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _));
    }
}
