using System.Text;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>File inputs: stat fast path, content hash to confirm, racy edits caught.</summary>
public sealed class FileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store => Path.Combine(_dir, ".adapt", "trace.db");

    [Fact]
    public void Unchanged_file_is_not_read_by_a_new_process()
    {
        string page = Write("a.md", "hello world", age: TimeSpan.FromHours(1));
        Assert.Equal((1, 2, 0L), Run(page));
        Assert.Equal((0, 2, 1L), Run(page)); // not read; the word count is reused
    }

    [Fact]
    public void Edit_within_the_same_second_keeping_the_size_is_caught()
    {
        string page = Write("a.md", "hello world", age: TimeSpan.Zero); // just written: racy
        DateTime written = File.GetLastWriteTimeUtc(page);
        Assert.Equal((1, 2, 0L), Run(page));

        File.WriteAllText(page, "HELLO-WORLD"); // same size, one word now
        File.SetLastWriteTimeUtc(page, written); // same modification time
        Assert.Equal((1, 1, 0L), Run(page));
    }

    [Fact]
    public void Changed_stat_is_read_and_hashed_and_equal_content_is_reused()
    {
        string page = Write("a.md", "hello world", age: TimeSpan.FromHours(2));
        Assert.Equal((1, 2, 0L), Run(page));
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddHours(-1)); // touched, same bytes
        Assert.Equal((1, 2, 1L), Run(page));
        Assert.Equal((0, 2, 1L), Run(page)); // the new stat was saved
    }

    [Fact]
    public void Refresh_propagates_a_change_and_only_a_change()
    {
        string page = Write("a.md", "one two", age: TimeSpan.FromHours(1));
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
    public void File_changed_under_a_build_is_an_error_not_a_mix()
    {
        string page = Write("a.md", "hello world", age: TimeSpan.FromHours(1));
        Run(page);
        using SqliteTraceStore store = SqliteTraceStore.Open(Store);
        var rt = new AdaptiveRuntime(store);
        FileInput file = rt.File(page, "file:a.md"); // trusted from the trace, not read
        File.WriteAllText(page, "changed in the meantime");
        Memo<int> length = rt.Memo(() => file.Content.Length, "length-only-here");
        IOException error = Assert.Throws<IOException>(() => length.Value);
        Assert.Contains("changed while the build was reading it", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One process: returns (file reads, word count, memos reused).</summary>
    private (int Reads, int Words, long Reused) Run(string page)
    {
        using SqliteTraceStore store = SqliteTraceStore.Open(Store);
        var rt = new AdaptiveRuntime(store);
        FileInput file = rt.File(page, "file:a.md");
        Memo<int> words = rt.Memo(() => Words(file.Content), "words");
        using Observer outputs = rt.CreateObserver();
        outputs.Add(words);
        outputs.Stabilize();
        int count = words.Value;
        rt.SaveTrace();
        return (file.ReadCount, count, rt.Stats.Reused);
    }

    private string Write(string name, string text, TimeSpan age)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        if (age > TimeSpan.Zero)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        }

        return path;
    }

    private static int Words(byte[] content) =>
        Encoding.UTF8.GetString(content).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
