using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>The sealed no-op (<see cref="SiteBuilder.TryReplay"/>): a new process that finds
/// nothing changed opens no trace, runs nothing and writes nothing; any change, of any input,
/// option or output, breaks the seal, and the build that follows equals a cold build.</summary>
public sealed class SealTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeProvider s_lateClock = new LateClock();
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Seal\nbaseUrl: https://example.org/"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA body, see [b](b.md) and [gone](/nowhere/)."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body."),
        ("content/blog/later.md", "---\ntitle: Later\ndate: 2025-01-10\n---\nNot yet."),
        ("layouts/_default/single.hbs", "<main>{{{content}}}</main>"),
        ("data/info.yaml", "motto: hello"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-seal-out-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    private string TracePath => Path.Combine(_site.Root, ".adapt", "trace.db");

    private BuildReport Build(DateTimeOffset? now = null, bool drafts = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!);
        using LiteDbTraceStore store = LiteDbTraceStore.Open(TracePath);
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(drafts, Now: now ?? s_now), store, s_lateClock);
        return builder.Build();
    }

    private BuildReport? Replay(DateTimeOffset? now = null, bool drafts = false) =>
        SiteBuilder.TryReplay(_site.Root, _output, new BuildOptions(drafts, Now: now ?? s_now), s_lateClock);

    private void AssertEqualsColdBuild(DateTimeOffset? now = null, bool drafts = false) =>
        BuildTests.AssertEqualsColdBuild(_site.Root, _output, new BuildOptions(drafts, Now: now ?? s_now), succeeds: false);

    [Fact]
    public void A_sealed_output_with_nothing_changed_replays_the_report_without_the_trace()
    {
        // Folders written just before a build are too recent for their stamps to prove the
        // listing; a replay that finds them settled restates the seal with their stamps (and
        // rewrites it). Settle them first, as below, so nothing is rewritten however slow the
        // machine: .adapt/ is a new name in the site's folder.
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!);
        Thread.Sleep(150);
        BuildReport built = Build();
        Assert.Contains(built.Diagnostics, d => d.Message.Contains("/nowhere/", StringComparison.Ordinal)); // a broken link: replayed below
        DateTime traceWritten = File.GetLastWriteTimeUtc(TracePath);
        Dictionary<string, DateTime> outputs = Directory.GetFiles(_output, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        // The trace is locked by another "process": a replay does not need it.
        using LiteDbTraceStore held = LiteDbTraceStore.Open(TracePath);
        BuildReport replayed = Assert.IsType<BuildReport>(Replay(s_now.AddDays(2)));

        Assert.Equal((built.Pages, built.Outputs), (replayed.Pages, replayed.Outputs));
        Assert.Equal(built.Diagnostics, replayed.Diagnostics);
        Assert.Equal((0, 0, 0), (replayed.Rendered, replayed.Written.Count, replayed.Deleted.Count));
        Assert.Equal(default, replayed.Work);
        Assert.Equal(traceWritten, File.GetLastWriteTimeUtc(TracePath));
        Assert.Equal(outputs, Directory.GetFiles(_output, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    public static TheoryData<string> Changes =>
    [
        "page body", "same size, same modification time", "page added", "page deleted", "template", "data", "config",
        "missing file created", "output deleted by hand", "drafts option", "clock passes a page date", "interrupted build",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_breaks_the_seal_and_the_build_after_it_equals_a_cold_build(string change) => BreakTheSeal(change, settled: false);

    /// <summary>As above with folders older than the racy window, so the seal proves the listing
    /// by its folder stamps instead of listing the site again.</summary>
    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_breaks_a_seal_whose_listing_is_proven_by_folder_stamps(string change)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!); // .adapt/ is a new name in the site's folder
        Thread.Sleep(150);
        BreakTheSeal(change, settled: true);
    }

    private void BreakTheSeal(string change, bool settled)
    {
        Build();
        Assert.NotNull(Replay());
        if (settled)
        {
            // The replay read the seal's listing (and left it for a build to take): stamped, and holding.
            SiteListing listing = Assert.IsType<SiteListing>(BuildSeal.TakeListing(_site.Root));
            Assert.NotNull(listing.Folders);
            Assert.True(listing.Holds(_site.Root));
        }

        DateTimeOffset now = s_now;
        bool drafts = false;
        string a = Path.Combine(_site.Root, "content/blog/a.md");
        switch (change)
        {
            case "page body":
                File.AppendAllText(a, "\n\nMore.");
                break;
            case "same size, same modification time":
                DateTime modified = File.GetLastWriteTimeUtc(a);
                Thread.Sleep(20); // a later change time than the build's
                File.WriteAllText(a, File.ReadAllText(a).Replace("A body", "Z body", StringComparison.Ordinal));
                File.SetLastWriteTimeUtc(a, modified);
                break;
            case "page added":
                File.WriteAllText(Path.Combine(_site.Root, "content/blog/c.md"), "---\ntitle: C\n---\nC.");
                break;
            case "page deleted":
                File.Delete(Path.Combine(_site.Root, "content/blog/b.md"));
                break;
            case "template":
                File.WriteAllText(Path.Combine(_site.Root, "layouts/_default/single.hbs"), "<main class=\"x\">{{{content}}}</main>");
                break;
            case "data":
                File.WriteAllText(Path.Combine(_site.Root, "data/info.yaml"), "motto: bye");
                break;
            case "config":
                File.WriteAllText(Path.Combine(_site.Root, "adapt.yaml"), "title: Sealed\nbaseUrl: https://example.org/");
                break;
            case "missing file created":
                File.WriteAllText(Path.Combine(_site.Root, "content/blog/gone.md"), "---\ntitle: Gone\n---\nBack.");
                break;
            case "output deleted by hand":
                File.Delete(Path.Combine(_output, "blog/b/index.html"));
                break;
            case "drafts option":
                drafts = true;
                break;
            case "clock passes a page date":
                now = s_now.AddDays(20);
                break;
            case "interrupted build":
                File.WriteAllText(Path.Combine(_output, OutputWriter.JournalName), "blog/a/index.html\n");
                break;
        }

        Assert.Null(Replay(now, drafts));
        BuildReport rebuilt = Build(now, drafts);
        Assert.True(rebuilt.Work.Executions > 0 || rebuilt.Written.Count > 0 || change == "interrupted build", change);
        AssertEqualsColdBuild(now, drafts);
        Assert.NotNull(Replay(now, drafts)); // sealed again
    }

    [Fact]
    public void A_fresh_copy_hashes_its_inputs_once_replays_and_trusts_the_new_stats_next_time()
    {
        Build();
        string work = Directory.CreateTempSubdirectory("adapt-seal-copy-").FullName;
        try
        {
            // A CI runner: a fresh clone (new times and inodes) and the output folder restored.
            string site = Path.Combine(work, "site");
            string output = Path.Combine(work, "public");
            Copy(_site.Root, site);
            Copy(_output, output);
            Thread.Sleep(150); // folders past the racy window: the first replay stamps them for good
            BuildReport replayed = Assert.IsType<BuildReport>(SiteBuilder.TryReplay(site, output, new BuildOptions(Now: s_now), s_lateClock));
            Assert.Empty(replayed.Written);
            byte[] restated = File.ReadAllBytes(Path.Combine(output, ".adapt-seal"));
            Assert.NotNull(SiteBuilder.TryReplay(site, output, new BuildOptions(Now: s_now), s_lateClock));
            Assert.Equal(restated, File.ReadAllBytes(Path.Combine(output, ".adapt-seal"))); // nothing to restate twice
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void A_phased_build_into_the_folder_breaks_the_seal()
    {
        Build();
        new Phased.PhasedBuilder(_site.Root, _output, new BuildOptions(Now: s_now), Phased.PhasedMode.Full).Build();
        Assert.Null(Replay());
    }

    [Fact]
    public void A_damaged_seal_is_no_seal()
    {
        Build();
        string seal = Path.Combine(_output, ".adapt-seal");
        byte[] bytes = File.ReadAllBytes(seal);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(seal, bytes);
        Assert.Null(Replay());
        Build();
        AssertEqualsColdBuild();
        Assert.NotNull(Replay());
    }

    private static void Copy(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private sealed class LateClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddHours(1);
    }
}
