using System.Text;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>File inputs: the stat fast path (size, modification and change times, inode,
/// device), the content hash to confirm, racy entries hashed again, and files that change while
/// a build reads them used as read and treated as changed next time (never an error).</summary>
public sealed class FileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store => Path.Combine(_dir, ".adapt", "trace.db");

    [Fact]
    public void Stats_carry_change_times_on_linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), FileStat.HasChangeTimes);
        string page = Write("a.md", "hello");
        FileStat stat = FileStat.Read(page)!.Value;
        Assert.Equal(5, stat.Length);
        Assert.Equal(OperatingSystem.IsLinux(), stat.CanSkipHash);
        Assert.Null(FileStat.Read(Path.Combine(_dir, "missing.md")));
        Assert.Null(FileStat.Read(_dir)); // a folder is not a file
    }

    [Fact]
    public void Unchanged_file_is_not_read_by_a_new_process()
    {
        string page = Settled("a.md", "hello world");
        Assert.Equal((1, 2, 0L), Run(page));
        Assert.Equal((0, 2, 1L), Run(page)); // not read; the word count is reused
    }

    [Fact]
    public void A_same_size_rewrite_with_its_modification_time_restored_is_caught()
    {
        string page = Settled("a.md", "hello world");
        DateTime written = File.GetLastWriteTimeUtc(page);
        Assert.Equal((1, 2, 0L), Run(page));
        Assert.Equal((0, 2, 1L), Run(page)); // the stat vouches for the content

        // What touch -r, cp -p, rsync -t or a restore from backup do: same size, same
        // modification time. The change time moved, and no tool can set that back.
        File.WriteAllText(page, "HELLO-WORLD");
        File.SetLastWriteTimeUtc(page, written);
        Thread.Sleep(Settle);
        Assert.Equal((1, 1, 0L), Run(page));
        Assert.Equal((0, 1, 1L), Run(page));
    }

    [Fact]
    public void A_file_hashed_within_its_timestamp_tick_is_hashed_again_next_time()
    {
        string page = Write("a.md", "hello world");
        FileStat stat = FileStat.Read(page)!.Value;

        // Hashed at the very instant of its last change: a write later in the same tick would
        // leave the stat as it is, so the stat must not vouch for the content.
        var sameInstant = new FixedClock(DateTime.UnixEpoch.AddTicks(stat.LatestNs / 100));
        Assert.Equal((1, 2, 0L), Run(page, sameInstant));
        Assert.Equal((1, 2, 1L), Run(page, sameInstant)); // read and hashed again; equal, so reused
        Thread.Sleep(Settle);
        Assert.Equal((1, 2, 1L), Run(page));              // hashed late enough now: its stat is kept
        Assert.Equal((0, 2, 1L), Run(page));
    }

    [Fact]
    public void Changed_stat_is_read_and_hashed_and_equal_content_is_reused()
    {
        string page = Settled("a.md", "hello world");
        Assert.Equal((1, 2, 0L), Run(page));
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddHours(-1)); // touched, same bytes
        Thread.Sleep(Settle);
        Assert.Equal((1, 2, 1L), Run(page));
        Assert.Equal((0, 2, 1L), Run(page)); // the new stat was saved
    }

    [Fact]
    public void Refresh_propagates_a_change_and_only_a_change()
    {
        string page = Write("a.md", "one two");
        var rt = new AdaptiveRuntime();
        FileInput file = rt.File(page);
        Memo<int> words = rt.Memo(() => Words(file.Content), "words");
        Assert.Equal(2, words.Value);
        Assert.False(file.Refresh());
        File.WriteAllText(page, "one two three");
        Assert.True(file.Refresh());
        Assert.Equal(3, words.Value);
        File.Delete(page);
        Assert.True(file.Refresh());
        Assert.False(file.Exists);
        Assert.Equal(0, words.Value);
    }

    [Fact]
    public void A_file_changed_after_it_was_checked_is_used_as_read_and_is_a_change_next_time()
    {
        string page = Settled("a.md", "hello world");
        Run(page);
        using LiteDbTraceStore store = LiteDbTraceStore.Open(Store);
        var rt = new AdaptiveRuntime(store);
        FileInput file = rt.File(page, "file:a.md"); // trusted from the trace, not read
        File.WriteAllText(page, "changed in the meantime");
        Memo<int> words = rt.Memo(() => Words(file.Content), "words-here");
        Memo<int> length = rt.Memo(() => file.Content.Length, "length-here");

        Assert.Equal(4, words.Value); // the bytes as they are now: no error
        File.WriteAllText(page, "and changed once more");
        Assert.Equal("changed in the meantime".Length, length.Value); // one version per build
        Assert.True(file.ChangedWhileRead);
        Assert.Equal([file], rt.TakeFilesChangedWhileRead());
        Assert.Empty(rt.TakeFilesChangedWhileRead());

        // The next build catches up: both readers run again on the current content.
        Assert.True(file.Refresh());
        Assert.False(file.ChangedWhileRead);
        Assert.Equal(4, words.Value);
        Assert.Equal("and changed once more".Length, length.Value);
        Assert.False(file.Refresh());
    }

    [Fact]
    public void Refresh_after_a_file_changed_while_read_is_a_change_even_when_it_changed_back()
    {
        string page = Settled("a.md", "hello world");
        Run(page);
        using LiteDbTraceStore store = LiteDbTraceStore.Open(Store);
        var rt = new AdaptiveRuntime(store);
        FileInput file = rt.File(page, "file:a.md");
        File.WriteAllText(page, "one two three");
        Memo<int> words = rt.Memo(() => Words(file.Content), "words-here");
        Assert.Equal(3, words.Value);

        File.WriteAllText(page, "hello world"); // back to the version the build was checked with
        Assert.True(file.Refresh());            // words was computed from the other one
        Assert.Equal(2, words.Value);
    }

    [Fact]
    public void A_new_process_reuses_nothing_computed_while_a_file_changed_whichever_version_it_finds()
    {
        foreach (string next in (string[])["one two three", "hello world"])
        {
            string page = Settled("a.md", "hello world");
            if (Directory.Exists(Path.GetDirectoryName(Store)))
            {
                Directory.Delete(Path.GetDirectoryName(Store)!, recursive: true);
            }

            Run(page);
            using (LiteDbTraceStore store = LiteDbTraceStore.Open(Store))
            {
                var rt = new AdaptiveRuntime(store);
                FileInput file = rt.File(page, "file:a.md"); // trusted, not read
                File.WriteAllText(page, "one two three four");
                Memo<int> length = rt.Memo(() => file.Content.Length, "length");
                Assert.Equal(18, length.Value);
                rt.SaveTrace();
            }

            // Whether the file now holds yet another version or the one the trace was checked
            // with, "length" was computed from neither: it runs again.
            File.WriteAllText(page, next);
            Thread.Sleep(Settle);
            using (LiteDbTraceStore store = LiteDbTraceStore.Open(Store))
            {
                var rt = new AdaptiveRuntime(store);
                FileInput file = rt.File(page, "file:a.md");
                Memo<int> length = rt.Memo(() => file.Content.Length, "length");
                Assert.Equal(next.Length, length.Value);
                Assert.Equal(1, rt.Stats.Executions);
                Assert.False(file.ChangedWhileRead);
            }
        }
    }

    /// <summary>Longer than any file system's timestamp tick with sub-second times (see
    /// <see cref="FileStat.RacyWindow"/>): a file written this long before it is hashed can be
    /// vouched for by its stat.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    /// <summary>One process: returns (file reads, word count, memos reused).</summary>
    private (int Reads, int Words, long Reused) Run(string page, TimeProvider? clock = null)
    {
        using LiteDbTraceStore store = LiteDbTraceStore.Open(Store);
        var rt = new AdaptiveRuntime(store, clock);
        FileInput file = rt.File(page, "file:a.md");
        Memo<int> words = rt.Memo(() => Words(file.Content), "words");
        using Observer outputs = rt.CreateObserver();
        outputs.Add(words);
        outputs.Stabilize();
        int count = words.Value;
        rt.SaveTrace();
        return (file.ReadCount, count, rt.Stats.Reused);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a file and waits until its stat can vouch for it.</summary>
    private string Settled(string name, string text)
    {
        string path = Write(name, text);
        Thread.Sleep(Settle);
        return path;
    }

    private static int Words(byte[] content) =>
        Encoding.UTF8.GetString(content).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
