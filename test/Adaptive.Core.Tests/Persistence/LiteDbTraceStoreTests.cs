namespace Adaptive.Core.Tests.Persistence;

/// <summary>The LiteDB store: round trips, deletes, and every fault leading to a cold start
/// with a warning, never to wrong data.</summary>
public sealed class LiteDbTraceStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-trace-").FullName;

    private string Path => System.IO.Path.Combine(_dir, ".adapt", "trace.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Saved_entries_load_in_a_new_store_with_their_values()
    {
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(Path))
        {
            Assert.Null(store.Warning);
            Assert.Empty(store.Load().Memos);
            store.Save(SampleChanges());
        }

        using (LiteDbTraceStore reopened = LiteDbTraceStore.Open(Path))
        {
            TraceSnapshot snapshot = reopened.Load();
            Assert.Null(reopened.Warning);
            StoredMemo html = snapshot.Memo("Page[a.md].Html")!;
            Assert.Equal(0xABCDEF0123456789UL, html.CodeFingerprint);
            Assert.Equal(Fingerprint128.Of("<p>a</p>"u8), html.Fingerprint);
            Assert.Equal(
                [new StoredDependency("file:content/a.md", Fingerprint128.Of("a"u8), false), new StoredDependency("config", Fingerprint128.Of("c"u8), true)],
                html.Dependencies);
            Assert.Equal("<p>a</p>"u8.ToArray(), reopened.ReadValue("Page[a.md].Html"));
            Assert.Equal(new StoredInput("file:content/a.md", Fingerprint128.Of("a"u8), new FileStat(1, 1_764_000_000_123_456_789, 1_764_000_000_223_456_789, 42, 0x0803)), snapshot.Input("file:content/a.md"));
            Assert.Null(reopened.ReadValue("missing"));
        }
    }

    [Fact]
    public void Deleted_keys_are_gone_and_dependents_of_them_still_name_what_they_saw()
    {
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(Path))
        {
            store.Load();
            store.Save(SampleChanges());
            var delete = new TraceChanges();
            delete.Deleted.Add("config");
            store.Save(delete);
        }

        using LiteDbTraceStore reopened = LiteDbTraceStore.Open(Path);
        TraceSnapshot snapshot = reopened.Load();
        Assert.DoesNotContain("config", snapshot.Keys);
        Assert.Null(snapshot.Input("config"));

        // The memo that read it keeps the fingerprint it saw: a live "config" is checked against that.
        StoredMemo html = Assert.Single(snapshot.Memos);
        Assert.Equal(new StoredDependency("config", Fingerprint128.Of("c"u8), true), html.Dependencies[1]);
    }

    [Fact]
    public void Wrong_version_starts_cold_with_a_warning()
    {
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(Path))
        {
            store.Load();
            store.Save(SampleChanges());
        }

        using (var database = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = Path, Connection = LiteDB.ConnectionType.Direct }))
        {
            LiteDB.ILiteCollection<LiteDB.BsonDocument> meta = database.GetCollection("meta");
            LiteDB.BsonDocument document = meta.FindById("meta");
            document["format"] = 999;
            meta.Update(document);
        }

        using LiteDbTraceStore reopened = LiteDbTraceStore.Open(Path);
        Assert.Empty(reopened.Load().Memos);
        Assert.Contains("format version 999", reopened.Warning, StringComparison.Ordinal);
        Assert.Contains("starts cold", reopened.Warning, StringComparison.Ordinal);
        Assert.True(File.Exists(Path + ".bad"));
    }

    [Fact]
    public void A_trace_written_by_other_code_starts_cold_and_the_same_code_reuses_it()
    {
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(Path, code: "site-v1"))
        {
            store.Load();
            store.Save(SampleChanges());
        }

        using (LiteDbTraceStore same = LiteDbTraceStore.Open(Path, code: "site-v1"))
        {
            Assert.Null(same.Warning);
            Assert.NotNull(same.Load().Memo("Page[a.md].Html"));
        }

        // Another version of the site's code: a memo's code fingerprint covers only its own
        // computation, so results of other helpers must not be trusted.
        using LiteDbTraceStore other = LiteDbTraceStore.Open(Path, code: "site-v2");
        Assert.Empty(other.Load().Memos);
        Assert.Contains("another version of the code", other.Warning, StringComparison.Ordinal);
        Assert.Contains("starts cold", other.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("zero")]
    [InlineData("truncated")]
    public void Damaged_file_starts_cold_with_a_warning(string damage)
    {
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(Path))
        {
            store.Load();
            for (int i = 0; i < 50; i++)
            {
                store.Save(SampleChanges(i));
            }
        }

        byte[] bytes = File.ReadAllBytes(Path);
        File.WriteAllBytes(Path, damage switch
        {
            "random" => RandomBytes(bytes.Length),
            "zero" => [],
            _ => bytes[..(bytes.Length / 2)],
        });
        File.Delete(System.IO.Path.Combine(_dir, ".adapt", "trace-log.db"));

        using LiteDbTraceStore reopened = LiteDbTraceStore.Open(Path);
        TraceSnapshot snapshot = reopened.Load();
        Assert.NotNull(reopened.Warning);
        Assert.Contains("starts cold", reopened.Warning, StringComparison.Ordinal);
        Assert.Empty(snapshot.Memos);

        // The store is usable afterwards.
        reopened.Save(SampleChanges());
        Assert.Single(reopened.Load().Memos);
    }

    [Fact]
    public void Store_that_cannot_be_opened_runs_cold_and_saves_nothing()
    {
        string blocker = System.IO.Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(blocker, "a file where the trace folder should be");
        using LiteDbTraceStore store = LiteDbTraceStore.Open(System.IO.Path.Combine(blocker, ".adapt", "trace.db"));
        Assert.False(store.IsEnabled);
        Assert.Contains("could not be opened", store.Warning, StringComparison.Ordinal);
        Assert.Contains("starts cold", store.Warning, StringComparison.Ordinal);

        var rt = new AdaptiveRuntime(store);
        Ref<int> a = rt.Ref(2, "a");
        Memo<int> twice = rt.Memo(() => a.Value * 2, "twice");
        Assert.Equal(4, twice.Value);
        Assert.Equal(new TraceSaveResult(2, 0), rt.SaveTrace()); // computed, but the store ignores it
        Assert.Empty(store.Load().Memos);
        Assert.Equal(store.Warning, rt.TraceWarning);
    }

    [Fact]
    public void Second_open_while_in_use_names_the_owner_process()
    {
        using LiteDbTraceStore first = LiteDbTraceStore.Open(Path);
        TraceStoreInUseException error = Assert.Throws<TraceStoreInUseException>(() => LiteDbTraceStore.Open(Path));
        Assert.Equal(Environment.ProcessId, error.ProcessId);
        Assert.Contains("is in use by process " + Environment.ProcessId, error.Message, StringComparison.Ordinal);
    }

    private static TraceChanges SampleChanges(int variant = 0)
    {
        var changes = new TraceChanges();
        changes.Memos.Add((new StoredMemo(
            variant == 0 ? "Page[a.md].Html" : "Page[" + variant + ".md].Html",
            0xABCDEF0123456789UL,
            Fingerprint128.Of("<p>a</p>"u8),
            [new StoredDependency("file:content/a.md", Fingerprint128.Of("a"u8), false), new StoredDependency("config", Fingerprint128.Of("c"u8), true)]),
            "<p>a</p>"u8.ToArray()));
        changes.Inputs.Add(new StoredInput("file:content/a.md", Fingerprint128.Of("a"u8), new FileStat(1, 1_764_000_000_123_456_789, 1_764_000_000_223_456_789, 42, 0x0803)));
        changes.Inputs.Add(new StoredInput("config", Fingerprint128.Of("c"u8)));
        return changes;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[Math.Max(length, 4096)];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
