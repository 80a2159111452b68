namespace Adaptive.Cli.Tests;

/// <summary><c>SOURCE_DATE_EPOCH</c>: the time a build publishes future-dated pages by and the
/// date <c>adapt new</c> writes; a value that is not a number of seconds is a usage error.</summary>
public sealed class ClockTests : IDisposable
{
    private readonly string _site = Directory.CreateTempSubdirectory("adapt-clock-").FullName;

    public ClockTests()
    {
        Write("adapt.yaml", "title: Clock\nbaseUrl: https://example.org/\n");
        Write("content/past.md", "---\ntitle: Past\ndate: 2026-11-30\n---\nBefore.");
        Write("content/soon.md", "---\ntitle: Soon\ndate: 2026-12-02T08:00:00Z\n---\nAfter.");
    }

    public void Dispose() => Directory.Delete(_site, recursive: true);

    [Fact]
    public void A_page_dated_after_the_epoch_is_left_out_until_the_epoch_passes_it()
    {
        // AdaptProcess.Now (2026-12-01 12:00 UTC) is every test process's SOURCE_DATE_EPOCH.
        Assert.Equal(0, AdaptProcess.Run(_site, "build").Exit);
        Assert.True(File.Exists(Path.Combine(_site, "public/past/index.html")));
        Assert.False(File.Exists(Path.Combine(_site, "public/soon/index.html")));

        (int exit, _, string error) = AdaptProcess.RunWith(Epoch(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero)), _site, "build");
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(_site, "public/soon/index.html")));
        Assert.True(File.Exists(Path.Combine(_site, "public/past/index.html")));
    }

    [Fact]
    public void A_new_page_is_dated_by_the_epoch()
    {
        Assert.Equal(0, AdaptProcess.Run(_site, "new", "page", "blog/post.md").Exit);
        Assert.Contains("date: 2026-12-01\n", File.ReadAllText(Path.Combine(_site, "content/blog/post.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1e9")]
    [InlineData("99999999999999")]
    public void An_epoch_that_is_not_seconds_since_1970_is_a_usage_error_and_nothing_is_written(string value)
    {
        (int exit, string output, string error) = AdaptProcess.RunWith(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = value }, _site, "build");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"adapt: SOURCE_DATE_EPOCH is '{value}': set it to a whole number of seconds since 1970-01-01 UTC (e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)), or unset it to use the system clock\n", error);
        Assert.False(Directory.Exists(Path.Combine(_site, "public")));
        Assert.False(Directory.Exists(Path.Combine(_site, ".adapt")));
    }

    private static Dictionary<string, string?> Epoch(DateTimeOffset time) =>
        new() { ["SOURCE_DATE_EPOCH"] = time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private void Write(string path, string text)
    {
        string full = Path.Combine(_site, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
