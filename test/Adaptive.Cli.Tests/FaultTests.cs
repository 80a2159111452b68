using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Adaptive.Site;
using Xunit.Abstractions;

namespace Adaptive.Cli.Tests;

/// <summary>
/// The real <c>adapt</c> under faults: killed with SIGKILL at random moments, a damaged,
/// unreadable or unwritable trace, two builds at once. Each time the next build's output equals
/// a cold build of the same sources, and adapt says what it recovered from
/// (docs/design/reliability.md).
/// </summary>
public sealed class FaultTests : IDisposable
{
    private static readonly int s_killTrials =
        int.TryParse(Environment.GetEnvironmentVariable("ADAPT_KILL_TRIALS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 50;

    private readonly string _work = Directory.CreateTempSubdirectory("adapt-faults-").FullName;

    private readonly ITestOutputHelper _output;

    public FaultTests(ITestOutputHelper output)
    {
        _output = output;
        Site = Path.Combine(_work, "site");
        Assert.Equal(0, AdaptProcess.Run(_work, "gen", "docs", "--pages", "60", "-o", Site).Exit);
    }

    private string Site { get; }

    private string Output => Path.Combine(Site, "public");

    public void Dispose()
    {
        Chmod(_work, "-R", "u+rwX,go+rwX"); // the read-only test's folder
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void Builds_and_watches_killed_at_random_moments_leave_a_state_the_next_build_repairs()
    {
        Assert.Equal(0, AdaptProcess.Run(Site, "build").Exit);
        var random = new Random(20261121);
        Edit(random);
        var clock = Stopwatch.StartNew();
        AdaptProcess.Run(Site, "build");
        int window = Math.Max(300, (int)clock.ElapsedMilliseconds); // an incremental build, start-up included
        var recovered = 0;
        var log = new List<string>();
        for (int trial = 0; trial < s_killTrials; trial++)
        {
            bool watch = trial % 2 == 1;
            string mode = trial % 5 == 4 ? "phased-incremental" : "adaptive";
            log.Add(Edit(random));
            log.Add(EditLayout(random)); // every page is written again: a wider window to land in
            int delay = (window / 5) + random.Next(window); // most land during the build, some after it
            if (watch)
            {
                using var process = new WatchProcess(Site, "--mode", mode);
                Thread.Sleep(delay / 2);
                log.Add(Edit(random)); // an edit arriving while it builds
                Thread.Sleep(delay / 2);
                process.Process.Kill();
                process.Process.WaitForExit();
            }
            else
            {
                using Process process = AdaptProcess.Start(Site, "build", "--mode", mode);
                Thread.Sleep(delay);
                process.Kill();
                process.WaitForExit();
            }

            // A kill between creating the journal and writing its first line leaves it empty: nothing was written.
            string journal = Path.Combine(Output, OutputWriter.JournalName);
            bool interrupted = File.Exists(journal) && new FileInfo(journal).Length > 0;
            JsonElement next = AdaptProcess.Json(Site, "build", "--mode", mode);
            string context = $"trial {trial} ({(watch ? "watch" : "build")}, {mode}, killed after {delay} ms; edits: {string.Join(", ", log.TakeLast(2))}): {next}";
            Assert.DoesNotContain(Messages(next, "errors"), e => !e.Contains(": link to ", StringComparison.Ordinal)); // deleted pages break links; nothing else fails
            string[] warnings = Messages(next, "warnings");
            Assert.DoesNotContain(warnings, w => w.Contains("trace.db", StringComparison.Ordinal)); // SQLite's journal kept the trace whole
            if (interrupted)
            {
                Assert.Contains(warnings, w => w.Contains("the previous build stopped before it finished", StringComparison.Ordinal));
                recovered++;
            }

            Assert.False(File.Exists(Path.Combine(Output, OutputWriter.JournalName)), context);
            AssertEqualsColdBuild(context);
        }

        // How many kills landed between the first write and the commit (the rest landed before
        // any write or after the commit): the journal's recovery is also tested deterministically
        // in Adaptive.Site.Tests.FaultTests.
        _output.WriteLine($"{s_killTrials} trials, {recovered} killed while writing or saving (recovered from the journal)");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("random bytes")]
    [InlineData("zero length")]
    [InlineData("wrong version")]
    public void A_damaged_trace_is_reported_and_the_build_starts_cold_and_correct(string damage)
    {
        Assert.Equal(0, AdaptProcess.Run(Site, "build").Exit);
        string trace = Path.Combine(Site, ".adapt", "trace.db");
        File.Delete(Path.Combine(Site, ".adapt", "trace-log.db")); // LiteDB's log, if a checkpoint left one

        switch (damage)
        {
            case "truncated":
                using (var stream = new FileStream(trace, FileMode.Open))
                {
                    stream.SetLength(stream.Length / 3);
                }

                break;
            case "random bytes":
                byte[] bytes = File.ReadAllBytes(trace);
                new Random(7).NextBytes(bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)));
                File.WriteAllBytes(trace, bytes);
                break;
            case "zero length":
                File.WriteAllBytes(trace, []);
                break;
            default:
                using (var database = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = trace, Connection = LiteDB.ConnectionType.Direct }))
                {
                    LiteDB.ILiteCollection<LiteDB.BsonDocument> meta = database.GetCollection("meta");
                    LiteDB.BsonDocument document = meta.FindById("meta");
                    document["format"] = 999;
                    Assert.True(meta.Update(document));
                }

                break;
        }

        Edit(new Random(damage.Length));
        JsonElement build = AdaptProcess.Json(Site, "build");
        Assert.DoesNotContain(Messages(build, "errors"), e => !e.Contains(": link to ", StringComparison.Ordinal));
        Assert.Contains(build.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString()!.Contains("trace.db", StringComparison.Ordinal) && w.GetProperty("message").GetString()!.Contains("starts cold", StringComparison.Ordinal));
        Assert.Equal(0, build.GetProperty("memosReused").GetInt32());
        AssertEqualsColdBuild(damage);

        // The trace was rebuilt: the next build is incremental and quiet again.
        JsonElement again = AdaptProcess.Json(Site, "build");
        Assert.Equal(0, again.GetProperty("warnings").GetArrayLength());
        Assert.Equal(0, again.GetProperty("filesWritten").GetInt32());
        Assert.True(again.GetProperty("memosReused").GetInt32() > 0);
    }

    [Fact]
    public void An_unwritable_state_folder_means_a_cold_build_that_says_so()
    {
        // A file where .adapt/ should be: nothing can be saved there.
        Directory.CreateDirectory(Path.Combine(Site, ".adapt"));
        Directory.Delete(Path.Combine(Site, ".adapt"), recursive: true);
        File.WriteAllText(Path.Combine(Site, ".adapt"), "in the way");
        for (int i = 0; i < 2; i++)
        {
            JsonElement build = AdaptProcess.Json(Site, "build");
            Assert.DoesNotContain(Messages(build, "errors"), e => !e.Contains(": link to ", StringComparison.Ordinal));
            Assert.Contains(build.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString()!.Contains("could not be opened", StringComparison.Ordinal));
            Assert.Equal(0, build.GetProperty("memosReused").GetInt32());
            AssertEqualsColdBuild("file in the way, build " + i);
        }

        Assert.Equal("in the way", File.ReadAllText(Path.Combine(Site, ".adapt")));
    }

    [Fact]
    public void A_read_only_state_folder_means_a_cold_build_that_says_so()
    {
        // Permissions do not stop root: run adapt as 'nobody' when the tests run as root.
        bool root = Environment.UserName == "root";
        if (root && !File.Exists("/usr/bin/setpriv"))
        {
            Assert.Fail("running as root without setpriv (util-linux): cannot make a folder read-only for adapt");
        }

        Assert.Equal(0, AdaptProcess.Run(Site, "build").Exit);
        Chmod(_work, "-R", "a+rwX");
        Chmod(Path.Combine(Site, ".adapt"), "-R", "a-w");
        Edit(new Random(3));
        string[] prefix = root ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
        (int exit, string output, string error) = RunAs(prefix, "build", "--json");
        Assert.True(exit == 0, output + error);
        JsonElement build = JsonDocument.Parse(output).RootElement;
        Assert.DoesNotContain(Messages(build, "errors"), e => !e.Contains(": link to ", StringComparison.Ordinal));
        Assert.Contains(build.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString()!.Contains("trace.db", StringComparison.Ordinal));
        AssertEqualsColdBuild("read-only .adapt");
    }

    [Theory]
    [InlineData("adaptive")]
    [InlineData("phased-incremental")]
    public void An_unreadable_page_is_a_located_error_and_the_rest_still_builds(string mode)
    {
        // Permissions do not stop root: run adapt as 'nobody' when the tests run as root.
        bool root = Environment.UserName == "root";
        Assert.True(!root || File.Exists("/usr/bin/setpriv"), "running as root without setpriv (util-linux): cannot make a file unreadable for adapt");
        string[] prefix = root ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
        Chmod(_work, "-R", "a+rwX");
        Assert.Equal(0, RunAs(prefix, "build", "--mode", mode).Exit);

        string relative = Directory.GetFiles(Path.Combine(Site, "content"), "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Site, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith("_index.md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).First();
        string page = Path.Combine(Site, relative);
        File.AppendAllText(page, "\nEdited.\n");
        Chmod(page, "000");
        (int exit, string output, string error) = RunAs(prefix, "build", "--mode", mode, "--json");
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.DoesNotContain("bug in adapt", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Contains(JsonDocument.Parse(output).RootElement.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("file").GetString() == relative && e.GetProperty("message").GetString()!.Contains("could not read the file", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Output, "index.html")), "the other pages still build");

        Chmod(page, "a+rw");
        (exit, output, error) = RunAs(prefix, "build", "--mode", mode);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        AssertEqualsColdBuild("after the page became readable again");
    }

    [Fact]
    public void Two_builds_at_once_one_waits_or_fails_clearly_and_nothing_is_corrupted()
    {
        for (int round = 0; round < 3; round++)
        {
            Edit(new Random(round));
            string mode = round == 2 ? "phased" : "adaptive";
            using Process first = AdaptProcess.Start(Site, "build", "--mode", mode);
            using Process second = AdaptProcess.Start(Site, "build", "--mode", mode);
            string firstError = first.StandardError.ReadToEnd();
            string secondError = second.StandardError.ReadToEnd();
            first.WaitForExit();
            second.WaitForExit();
            foreach ((int exit, string error) in (ValueTuple<int, string>[])[(first.ExitCode, firstError), (second.ExitCode, secondError)])
            {
                Assert.True(exit == 0 || (exit == 2 && error.Contains("another adapt process", StringComparison.Ordinal)), $"exit {exit}: {error}");
                Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            }

            Assert.True(first.ExitCode == 0 || second.ExitCode == 0, "neither build ran");
            JsonElement next = AdaptProcess.Json(Site, "build", "--mode", mode);
            Assert.Equal(0, next.GetProperty("warnings").GetArrayLength());
            AssertEqualsColdBuild("round " + round);
        }
    }

    [Fact]
    public void A_build_during_a_watch_fails_clearly()
    {
        using var watch = new WatchProcess(Site);
        watch.Next();
        (int exit, _, string error) = AdaptProcess.Run(Site, "build");
        Assert.Equal(2, exit);
        Assert.Contains("another adapt process (process " + watch.Process.Id.ToString(CultureInfo.InvariantCulture) + ")", error, StringComparison.Ordinal);
    }

    /// <summary>A random edit of the sources; returns what it did.</summary>
    private string Edit(Random random)
    {
        string content = Path.Combine(Site, "content");
        string[] pages = [.. Directory.GetFiles(content, "*.md", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "_index.md").Order(StringComparer.Ordinal)];
        string page = pages[random.Next(pages.Length)];
        string name = Path.GetRelativePath(Site, page);
        switch (random.Next(6))
        {
            case 0:
                File.AppendAllText(page, $"\nAn added paragraph {random.Next()}.\n");
                return "body " + name;
            case 1:
                string[] lines = File.ReadAllLines(page);
                int at = Array.FindIndex(lines, line => line.StartsWith("title:", StringComparison.Ordinal));
                lines[at] = $"title: Retitled {random.Next(1000)}";
                File.WriteAllLines(page, lines);
                return "title " + name;
            case 2:
                string added = Path.Combine(Path.GetDirectoryName(page)!, $"added-{random.Next(1_000_000)}.md");
                File.WriteAllText(added, "---\ntitle: Added\ntags: [added]\n---\nAn added page.\n");
                return "add " + Path.GetRelativePath(Site, added);
            case 3 when pages.Length > 20:
                File.Delete(page);
                return "delete " + name;
            case 4:
                return EditLayout(random);
            default:
                File.AppendAllText(page, "\nMore.\n");
                return "body " + name;
        }
    }

    private string EditLayout(Random random)
    {
        string[] layouts = [.. Directory.GetFiles(Path.Combine(Site, "layouts"), "*.hbs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        string layout = layouts[random.Next(layouts.Length)];
        File.AppendAllText(layout, $"\n<!-- {random.Next()} -->\n");
        return "layout " + Path.GetRelativePath(Site, layout);
    }

    private void AssertEqualsColdBuild(string context)
    {
        string cold = Path.Combine(_work, "cold");
        if (Directory.Exists(cold))
        {
            Directory.Delete(cold, recursive: true);
        }

        (int exit, _, string error) = AdaptProcess.Run(_work, "build", "-s", Site, "-o", cold, "--no-trace");
        Assert.True(exit is 0 or 1, error); // 1: the site has errors (a deleted page's referrers); the rest is built
        Assert.True(OutputTree.Text(cold) == OutputTree.Text(Output), "output differs from a cold build after " + context);
    }

    private (int Exit, string Out, string Err) RunAs(string[] prefix, params string[] args)
    {
        var info = new ProcessStartInfo(prefix.Length > 0 ? prefix[0] : "dotnet")
        {
            WorkingDirectory = Site,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string part in prefix.Skip(1))
        {
            info.ArgumentList.Add(part);
        }

        if (prefix.Length > 0)
        {
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(prefix.Length > 0 ? ReadableCopyOfAdapt() : AdaptProcess.Dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _work;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary>adapt's build output copied where 'nobody' can read it (the clone may be in a
    /// folder only root can enter, such as /root).</summary>
    private string ReadableCopyOfAdapt()
    {
        string bin = Path.Combine(_work, "adapt-bin");
        foreach (string file in Directory.GetFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(bin, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        Chmod(bin, "-R", "a+rX");
        return Path.Combine(bin, Path.GetFileName(AdaptProcess.Dll));
    }

    private static void Chmod(string path, params string[] args)
    {
        if (!Path.Exists(path))
        {
            return;
        }

        using Process chmod = Process.Start("chmod", [.. args, path])!;
        chmod.WaitForExit();
    }

    private static string[] Messages(JsonElement build, string kind) =>
        [.. build.GetProperty(kind).EnumerateArray().Select(d => d.GetProperty("file").GetString() + ": " + d.GetProperty("message").GetString())];
}
