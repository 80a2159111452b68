using System.Text.Json;
using Adaptive.Site;

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
        Assert.Equal(9, edit.GetProperty("memosExecuted").GetInt32()); // that page: front matter, body, rendered, summary, reading time, text shape, image variants (it shows pictures), output, its links

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
        // Ctrl+C ends the watch after the build in progress (a loaded CI machine may still be
        // propagating the burst) and the final trace save.
        Assert.True(watch.Process.WaitForExit(TimeSpan.FromSeconds(120)), "adapt watch did not stop on Ctrl+C; stderr:\n" + watch.Errors);
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

    [Fact]
    public void Bursts_editor_saves_and_a_recreated_content_folder_end_equal_to_a_cold_build()
    {
        using var watch = new WatchProcess(Site);
        watch.Next();

        // 5,000 writes in about 5 s over 50 pages: plain writes, editors' temporary file +
        // rename, delete + create — most of them arriving while a propagation runs.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 5_000; i++)
        {
            string page = Path.Combine(Site, "content", "blog", $"load-{i % 50:D2}.md");
            string text = $"---\ntitle: Load {i % 50}\ntags: [t{i % 7}]\n---\nVersion {i}.\n";
            switch (i % 10)
            {
                case 7:
                    string temporary = page + ".swp";
                    File.WriteAllText(temporary, text);
                    File.Move(temporary, page, overwrite: true);
                    break;
                case 8:
                    File.Delete(page);
                    File.WriteAllText(page, text);
                    break;
                default:
                    File.WriteAllText(page, text);
                    break;
            }

            if (i % 50 == 49 && clock.ElapsedMilliseconds < i)
            {
                Thread.Sleep((int)(i - clock.ElapsedMilliseconds)); // about one write per millisecond
            }
        }

        watch.Settle(TimeSpan.FromSeconds(3));
        AssertEqualsColdBuild("after the burst");

        // The content folder deleted, then put back (a git checkout, a restore).
        string content = Path.Combine(Site, "content");
        string saved = Path.Combine(_work, "saved-content");
        CopyFolder(content, saved);
        Directory.Delete(content, recursive: true);
        watch.Settle(TimeSpan.FromSeconds(2));
        AssertEqualsColdBuild("with the content folder deleted");
        CopyFolder(saved, content);
        File.AppendAllText(Path.Combine(content, "blog", "load-00.md"), "Restored and edited.\n");
        watch.Settle(TimeSpan.FromSeconds(2));
        AssertEqualsColdBuild("with the content folder restored");
        Assert.Contains("Restored and edited.", File.ReadAllText(Path.Combine(Site, "public", "blog", "load-00", "index.html")), StringComparison.Ordinal);
        Assert.False(watch.Process.HasExited, watch.Errors);
        Assert.DoesNotContain("internal error", watch.Errors, StringComparison.Ordinal);
    }

    private void AssertEqualsColdBuild(string context)
    {
        // In this process: the watch holds the site's build lock.
        string cold = Path.Combine(_work, "cold");
        if (Directory.Exists(cold))
        {
            Directory.Delete(cold, recursive: true);
        }

        using (var builder = new Adaptive.Site.SiteBuilder(Site, cold, new Adaptive.Site.BuildOptions(Now: AdaptProcess.Now)))
        {
            builder.Build();
        }

        Assert.True(OutputTree.Text(cold) == OutputTree.Text(Path.Combine(Site, "public")), "the watched output differs from a cold build " + context);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static List<string?> Written(JsonElement json) => Strings(json, "written");

    private static List<string?> Strings(JsonElement json, string property) => [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString())];
}
