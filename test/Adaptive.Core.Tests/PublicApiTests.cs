using PublicApiGenerator;

namespace Adaptive.Core.Tests;

/// <summary>
/// The public surface of Adaptive.Core, snapshot-tested with PublicApiGenerator: a change to it
/// must be deliberate. To accept a change, run the tests with ADAPT_ACCEPT_SNAPSHOTS=1 and review
/// the diff of PublicApi.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot()
    {
        string actual = typeof(AdaptiveRuntime).Assembly
            .GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false })
            .ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("ADAPT_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SourcePath(), actual);
        }

        string approved = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt")).ReplaceLineEndings("\n");
        Assert.Equal(approved, actual);
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "PublicApi.approved.txt");
}
