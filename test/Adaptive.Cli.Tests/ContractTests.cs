using System.Text.Json;
using Adaptive.Site;

namespace Adaptive.Cli.Tests;

/// <summary>Contract breaks found by trying adapt from outside (issue 13), each through the real
/// <c>adapt</c> process: an edit that keeps the size and restores the modification time, builds
/// beside a watch, and a layout that does not exist.</summary>
public sealed class ContractTests : IDisposable
{
    /// <summary>Longer than a file system's timestamp tick (FileStat.RacyWindow): files written
    /// this long before a build are vouched for by their stat, as on a real site.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    private readonly string _work = Directory.CreateTempSubdirectory("adapt-contract-").FullName;

    public ContractTests()
    {
        Site = Path.Combine(_work, "site");
        Assert.Equal(0, AdaptProcess.Run(_work, "new", "site", "site").Exit);

        // An old site: every file last modified an hour ago.
        foreach (string file in Directory.GetFiles(Site, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }

        Thread.Sleep(Settle);
    }

    private string Site { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("adaptive")]
    [InlineData("phased-incremental")]
    public void A_same_size_rewrite_with_its_modification_time_restored_is_rebuilt_and_never_wedges(string mode)
    {
        string page = Path.Combine(Site, "content/blog/second-post.md");
        Assert.True(Build(mode).GetProperty("succeeded").GetBoolean());
        Assert.Equal(0, Build(mode).GetProperty("filesWritten").GetInt32());

        // What touch -r, cp -p, rsync -t, tar or a restore from backup leave: other bytes, the
        // same size, the same modification time.
        string text = File.ReadAllText(page);
        string rewritten = text.Replace("second", "SECOND", StringComparison.Ordinal);
        Assert.NotEqual(text, rewritten);
        DateTime modified = File.GetLastWriteTimeUtc(page);
        File.WriteAllText(page, rewritten);
        File.SetLastWriteTimeUtc(page, modified);
        Thread.Sleep(Settle);

        JsonElement edited = Build(mode);
        Assert.Contains("blog/second-post/index.html", edited.GetProperty("written").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Cold(), OutputTree.Text(Path.Combine(Site, "public")));

        // Builds that read the page again (every page re-renders after a title change) still
        // succeed, every time, and stay equal to a cold build.
        File.WriteAllText(Path.Combine(Site, "adapt.yaml"), File.ReadAllText(Path.Combine(Site, "adapt.yaml")).Replace("title:", "title: Renamed", StringComparison.Ordinal));
        for (int i = 0; i < 2; i++)
        {
            (int exit, string output, string error) = AdaptProcess.Run(Site, ["build", "--mode", mode, "--json"]);
            Assert.True(exit == 0, $"build {i} exited with {exit}:\n{output}\n{error}");
            Assert.DoesNotContain("bug in adapt", error, StringComparison.Ordinal);
            Assert.Equal(Cold(), OutputTree.Text(Path.Combine(Site, "public")));
        }
    }

    [Theory]
    [InlineData("adaptive")]
    [InlineData("phased")]
    [InlineData("phased-incremental")]
    public void A_layout_that_does_not_exist_is_a_located_error_and_the_rest_is_built(string mode)
    {
        File.WriteAllText(Path.Combine(Site, "content/blog/odd.md"), "---\ntitle: Odd\nlayout: does-not-exist\n---\nBody.\n");
        (int exit, string output, string error) = AdaptProcess.Run(Site, "build", "--mode", mode);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("content/blog/odd.md:3:9: error: layout 'does-not-exist' not found (tried: layouts/blog/does-not-exist.hbs, layouts/_default/does-not-exist.hbs)", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Site, "public/blog/hello-world/index.html")), "the other pages still build");
        Assert.False(File.Exists(Path.Combine(Site, "public/blog/odd/index.html")));
    }

    [Fact]
    public void A_build_that_shares_nothing_with_a_watch_runs_beside_it_and_one_that_does_is_told_the_way_out()
    {
        using var watch = new WatchProcess(Site);
        Assert.True(watch.Next().GetProperty("succeeded").GetBoolean());
        string elsewhere = Path.Combine(_work, "elsewhere");

        // Like hugo beside hugo server: no trace, another folder — nothing shared.
        (int exit, string output, string error) = AdaptProcess.Run(Site, "build", "--no-trace", "-o", elsewhere);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Equal(OutputTree.Text(Path.Combine(Site, "public")), OutputTree.Text(elsewhere));

        // The trace (and the phased modes' state) and the watch's own output folder are shared.
        (exit, _, error) = AdaptProcess.Run(Site, "build");
        Assert.Equal(2, exit);
        Assert.Contains($"another adapt process (process {watch.Process.Id}) is using this site's trace", error, StringComparison.Ordinal);
        Assert.Contains("adapt build --no-trace -o <another folder>", error, StringComparison.Ordinal);
        (exit, _, error) = AdaptProcess.Run(Site, "build", "--mode", "phased", "-o", Path.Combine(_work, "phased"));
        Assert.Equal(2, exit);
        Assert.Contains("is using this site's trace and build state", error, StringComparison.Ordinal);
        (exit, _, error) = AdaptProcess.Run(Site, "build", "--no-trace");
        Assert.Equal(2, exit);
        Assert.Contains($"is writing the output folder '{Path.Combine(Site, "public")}'", error, StringComparison.Ordinal);
        Assert.Contains("build into another folder with -o", error, StringComparison.Ordinal);

        // The watch carries on, and the other folder rebuilds incrementally in its own way.
        File.AppendAllText(Path.Combine(Site, "content/blog/second-post.md"), "\nEdited beside the build.\n");
        watch.NextUntil(j => j.GetProperty("written").EnumerateArray().Any(e => e.GetString() == "blog/second-post/index.html"));
        Assert.Equal(0, AdaptProcess.Run(Site, "build", "--no-trace", "-o", elsewhere).Exit);
        Assert.Equal(OutputTree.Text(Path.Combine(Site, "public")), OutputTree.Text(elsewhere));
        Assert.Contains("Edited beside the build.", File.ReadAllText(Path.Combine(elsewhere, "blog/second-post/index.html")), StringComparison.Ordinal);
    }

    private JsonElement Build(string mode) => AdaptProcess.Json(Site, "build", "--mode", mode);

    /// <summary>The output tree of a cold build of the site as it is now.</summary>
    private string Cold()
    {
        string output = Path.Combine(_work, "cold-" + Guid.NewGuid().ToString("N"));
        JsonElement cold = AdaptProcess.Json(Site, "build", "--mode", "phased", "-o", output);
        Assert.True(cold.GetProperty("succeeded").GetBoolean(), cold.ToString());
        return OutputTree.Text(output);
    }
}
