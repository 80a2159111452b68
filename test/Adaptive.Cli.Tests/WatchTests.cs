using System.Text.Json;

namespace Adaptive.Cli.Tests;

/// <summary><c>adapt watch --json</c> reacting to edits, deletes, renames, editor saves and bursts;
/// Ctrl+C saves the trace and exits with 0.</summary>
public sealed class WatchTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("adapt-watch-").FullName;

    public WatchTests()
    {
        Site = Path.Combine(_work, "site");
        Assert.Equal(0, AdaptProcess.Run(_work, "new", "site", "site").Exit);
    }

    private string Site { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Propagates_edits_deletes_renames_and_editor_saves_then_exits_cleanly_on_ctrl_c()
    {
        using var watch = new WatchProcess(Site);
        JsonElement first = watch.Next();
        Assert.True(first.GetProperty("succeeded").GetBoolean(), first.ToString());
        Assert.Equal(0, first.GetProperty("changedInputs").GetArrayLength());

        // An edit: one propagation, printed once the file is on disk.
        string post = Path.Combine(Site, "content/blog/second-post.md");
        File.AppendAllText(post, "\nWatched edit.\n");
        JsonElement edit = watch.NextUntil(j => Written(j).Contains("blog/second-post/index.html"));
        Assert.Contains("content/blog/second-post.md", Strings(edit, "changedInputs"));
        Assert.Contains("Watched edit.", File.ReadAllText(Path.Combine(Site, "public/blog/second-post/index.html")), StringComparison.Ordinal);
        Assert.InRange(edit.GetProperty("memosExecuted").GetInt32(), 1, 12);

        // An editor's atomic save: write a temporary file, rename it over the page.
        string temporary = Path.Combine(Site, "content/blog/.second-post.md.swp");
        File.WriteAllText(temporary, File.ReadAllText(post).Replace("Watched edit.", "Saved atomically.", StringComparison.Ordinal));
        File.Move(temporary, post, overwrite: true);
        watch.NextUntil(j => Written(j).Contains("blog/second-post/index.html"));
        Assert.Contains("Saved atomically.", File.ReadAllText(Path.Combine(Site, "public/blog/second-post/index.html")), StringComparison.Ordinal);

        // A rename moves the output.
        File.Move(Path.Combine(Site, "content/about.md"), Path.Combine(Site, "content/about-us.md"));
        JsonElement renamed = watch.NextUntil(j => Strings(j, "deleted").Contains("about/index.html"));
        Assert.Contains("about-us/index.html", Written(renamed));
        Assert.False(File.Exists(Path.Combine(Site, "public/about/index.html")));

        // A delete removes the output.
        File.Delete(Path.Combine(Site, "content/blog/hello-world.md"));
        watch.NextUntil(j => Strings(j, "deleted").Contains("blog/hello-world/index.html"));
        Assert.False(File.Exists(Path.Combine(Site, "public/blog/hello-world/index.html")));

        // A burst of many new pages settles into few propagations that include them all.
        for (int i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(Site, $"content/blog/burst-{i:D3}.md"), $"---\ntitle: Burst {i}\n---\nBody {i}.");
        }

        watch.NextUntil(_ => Enumerable.Range(0, 300).All(i => File.Exists(Path.Combine(Site, $"public/blog/burst-{i:D3}/index.html"))));

        AdaptProcess.Interrupt(watch.Process);
        Assert.True(watch.Process.WaitForExit(TimeSpan.FromSeconds(30)), "adapt watch did not stop on Ctrl+C");
        Assert.Equal(0, watch.Process.ExitCode);

        // The trace was saved: a new process has nothing to do.
        JsonElement after = AdaptProcess.Json(Site, "build");
        Assert.Equal(0, after.GetProperty("filesWritten").GetInt32());
        Assert.Equal(0, after.GetProperty("pagesRendered").GetInt32());
    }

    [Fact]
    public void Errors_are_reported_per_propagation_and_repaired_by_the_next()
    {
        using var watch = new WatchProcess(Site);
        watch.Next();
        string post = Path.Combine(Site, "content/blog/second-post.md");
        string good = File.ReadAllText(post);
        File.WriteAllText(post, good.Replace("title: A second post", "title: [unclosed", StringComparison.Ordinal));
        JsonElement broken = watch.NextUntil(j => j.GetProperty("errors").GetArrayLength() > 0);
        Assert.False(broken.GetProperty("succeeded").GetBoolean());
        Assert.Equal("content/blog/second-post.md", broken.GetProperty("errors")[0].GetProperty("file").GetString());
        File.WriteAllText(post, good);
        JsonElement repaired = watch.NextUntil(j => j.GetProperty("succeeded").GetBoolean());
        Assert.Contains("blog/second-post/index.html", Written(repaired));
    }

    private static List<string?> Written(JsonElement json) => Strings(json, "written");

    private static List<string?> Strings(JsonElement json, string property) => [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString())];
}
