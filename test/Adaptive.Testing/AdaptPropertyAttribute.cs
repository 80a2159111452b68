using FsCheck.Xunit;
using Xunit.Sdk;

namespace Adaptive.Testing;

/// <summary>
/// An FsCheck.Xunit <c>[Property]</c> that runs <see cref="PropertySettings.Cases"/> cases on
/// <see cref="PropertySettings.Seed"/> — the fixed seed in CI — and says so: every result
/// carries the seed it ran with, and a failure says how to replay it (which variable, which
/// value, which test). Properties carry the trait <c>Category=Property</c>.
/// </summary>
/// <remarks>
/// FsCheck.Xunit reads a property's configuration from the attribute instance that xunit builds
/// from the method's metadata, so setting <c>MaxTest</c> and <c>Replay</c> here, in the
/// constructor, configures the run; a named argument (<c>Replay = "(…)"</c>, to pin a
/// regression case in code) still overrides it. <see cref="AdaptPropertyDiscoverer"/> makes the
/// test cases (<see cref="AdaptPropertyTestCase"/>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Adaptive.Testing.AdaptPropertyDiscoverer", "Adaptive.Testing")]
public sealed class AdaptPropertyAttribute : PropertyAttribute
{
    /// <summary>A property that runs <paramref name="cases"/> cases in CI (see
    /// <see cref="PropertyCases"/>), more if <see cref="PropertySettings.CasesVariable"/> asks.</summary>
    public AdaptPropertyAttribute(int cases)
    {
        Cases = cases;
        MaxTest = PropertySettings.Cases(cases);
        Replay = PropertySettings.Seed;
    }

    /// <summary>The number of cases in CI.</summary>
    public int Cases { get; }
}
