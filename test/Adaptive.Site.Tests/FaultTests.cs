using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>Failures while saving the trace or writing the output never leave an output folder
/// that differs from a cold build once the cause is gone, and are reported as such
/// (docs/design/reliability.md).</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Faults\nbaseUrl: https://example.org/"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA body."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go]\n---\nB body."));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-fault-out-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    private string TracePath => Path.Combine(_site.Root, ".adapt", "trace.db");

    private string Journal => Path.Combine(_output, OutputWriter.JournalName);

    [Fact]
    public void A_failed_trace_save_keeps_the_output_correct_and_the_next_process_rewrites_what_it_wrote()
    {
        BuildReport first = BuildInNewProcess(failSaves: false);
        Assert.True(first.Succeeded);
        string original = File.ReadAllText(Path.Combine(_site.Root, "content/blog/a.md"));

        // The disk fills up while this build saves its trace: its output is complete, the build
        // says what happened, and the journal of the files it wrote stays.
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/a.md"), original.Replace("A body.", "A body, edited.", StringComparison.Ordinal));
        BuildReport full = BuildInNewProcess(failSaves: true);
        Assert.True(full.Succeeded);
        Assert.Contains(full.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.StartsWith("could not save the trace (No space left on device)", StringComparison.Ordinal));
        Assert.Contains("blog/a/index.html", File.ReadAllLines(Journal));
        AssertEqualsColdBuild();

        // The edit is undone. The saved trace still describes the first build, which matches
        // the sources again — but the file on disk is the edited one: it must not be trusted.
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/a.md"), original);
        BuildReport recovered = BuildInNewProcess(failSaves: false);
        Assert.True(recovered.Succeeded);
        Assert.Contains(recovered.Diagnostics, d => d.Message.StartsWith("the previous build stopped before it finished", StringComparison.Ordinal));
        Assert.Contains("blog/a/index.html", recovered.Written);
        Assert.False(File.Exists(Journal));
        AssertEqualsColdBuild();

        // And the next build trusts its files again.
        BuildReport quiet = BuildInNewProcess(failSaves: false);
        Assert.Empty(quiet.Written);
        Assert.Empty(quiet.Diagnostics);
    }

    [Fact]
    public void A_page_added_by_a_build_whose_save_failed_is_deleted_when_the_page_goes()
    {
        BuildInNewProcess(failSaves: false);
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/c.md"), "---\ntitle: C\ndate: 2024-03-01\n---\nC body.");
        BuildInNewProcess(failSaves: true);
        Assert.True(File.Exists(Path.Combine(_output, "blog/c/index.html")));

        File.Delete(Path.Combine(_site.Root, "content/blog/c.md"));
        BuildReport report = BuildInNewProcess(failSaves: false);
        Assert.Contains("blog/c/index.html", report.Deleted);
        AssertEqualsColdBuild();
    }

    [Fact]
    public void A_failed_output_write_is_an_error_and_the_next_build_writes_those_files()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        Assert.True(builder.Build().Succeeded);

        // Something is in the way of one output (a file where its folder should be).
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/a.md"), "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA body, edited.");
        string folder = Path.Combine(_output, "blog/a");
        Directory.Delete(folder, recursive: true);
        File.WriteAllText(folder, "in the way");
        BuildReport failed = builder.Build(refreshAll: true);
        Assert.False(failed.Succeeded);
        SiteDiagnostic error = Assert.Single(failed.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("could not write the output (", error.Message, StringComparison.Ordinal);

        // The cause is gone: the same process writes the files again though nothing changed.
        File.Delete(folder);
        BuildReport repaired = builder.Build(refreshAll: true);
        Assert.True(repaired.Succeeded, string.Join("\n", repaired.Diagnostics));
        Assert.Contains("blog/a/index.html", repaired.Written);
        AssertEqualsColdBuild();
    }

    [Fact]
    public void A_write_that_fails_is_redone_by_the_next_process()
    {
        Assert.True(BuildInNewProcess(failSaves: false).Succeeded);

        // The failing build commits neither its journal nor its trace: the next process finds
        // the files it meant to write unsettled and writes them.
        // b's old file stays in place if the failure stops the writes before it.
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/a.md"), "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA body, edited.");
        File.AppendAllText(Path.Combine(_site.Root, "content/blog/b.md"), "\nB edited.");
        string folder = Path.Combine(_output, "blog/a");
        Directory.Delete(folder, recursive: true);
        File.WriteAllText(folder, "in the way");
        BuildReport failed = BuildInNewProcess(failSaves: false);
        Assert.False(failed.Succeeded);
        Assert.Contains(failed.Diagnostics, d => d.Message.StartsWith("could not write the output (", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_output, OutputWriter.JournalName)));

        File.Delete(folder);
        BuildReport repaired = BuildInNewProcess(failSaves: false);
        Assert.True(repaired.Succeeded, string.Join("\n", repaired.Diagnostics));
        Assert.Contains("blog/a/index.html", repaired.Written);
        Assert.False(File.Exists(Path.Combine(_output, OutputWriter.JournalName)));
        AssertEqualsColdBuild();
    }

    private BuildReport BuildInNewProcess(bool failSaves)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!);
        using LiteDbTraceStore inner = LiteDbTraceStore.Open(TracePath);
        using var store = new FailingStore(inner) { Failure = failSaves ? () => new IOException("No space left on device") : null };
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now), store);
        return builder.Build();
    }

    private void AssertEqualsColdBuild() => BuildTests.AssertEqualsColdBuild(_site.Root, _output, new BuildOptions(Now: s_now), succeeds: false);

    /// <summary>A store whose saves fail (a full disk) when <see cref="Failure"/> is set.</summary>
    private sealed class FailingStore(ITraceStore inner) : ITraceStore
    {
        public Func<Exception>? Failure { get; init; }

        public string? Warning => inner.Warning;

        public long SizeOnDisk => inner.SizeOnDisk;

        public TraceSnapshot Load() => inner.Load();

        public byte[]? ReadValue(string key) => inner.ReadValue(key);

        public void Save(TraceChanges changes)
        {
            if (Failure is not null)
            {
                throw Failure();
            }

            inner.Save(changes);
        }

        public void Dispose()
        {
        }
    }
}
