using System.Diagnostics;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>A process killed (SIGKILL) at a random moment while it saves leaves a store that
/// opens without complaint, holds one consistent state, and gives correct results.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Killed_writer_leaves_a_consistent_store()
    {
        var random = new Random(20261121);
        for (int trial = 0; trial < 20; trial++)
        {
            string path = Path.Combine(_dir, "t" + trial, "trace.db");
            int lastReported = KillWriterAfter(path, saves: random.Next(1, 6), extraMilliseconds: random.Next(0, 15));

            using LiteDbTraceStore store = LiteDbTraceStore.Open(path); // the lock died with the writer
            Assert.Null(store.Warning);
            TraceSnapshot snapshot = store.Load();

            // All inputs come from one iteration: the last reported save, or a later one that
            // committed before the kill.
            int held = Enumerable.Range(0, 100_000).FirstOrDefault(i => Fingerprint128.Of(CrashWriter.ValueAt(i, 0), Codec.Int32) == snapshot.Input("in0")!.Fingerprint, -1);
            Assert.True(held >= lastReported, $"trial {trial}: the store holds iteration {held}, the writer had reported {lastReported}");
            for (int i = 0; i < CrashWriter.Inputs; i++)
            {
                Assert.Equal(Fingerprint128.Of(CrashWriter.ValueAt(held, i), Codec.Int32), snapshot.Input("in" + i)!.Fingerprint);
            }

            // A new process on that store: everything reused, and correct.
            (AdaptiveRuntime rt, _, Memo<long>[] outputs, _) = CrashWriter.Build(store, held);
            for (int i = 0; i < CrashWriter.Inputs; i++)
            {
                Assert.Equal(CrashWriter.Expected(held, i), outputs[i].Value);
            }

            Assert.Equal(0, rt.Stats.Executions);

            // And one with other inputs recomputes rather than reusing stale results.
            (_, _, Memo<long>[] moved, _) = CrashWriter.Build(new InMemoryView(snapshot, store), held + 7);
            Assert.Equal(CrashWriter.Expected(held + 7, 3), moved[3].Value);
        }
    }

    private static int KillWriterAfter(string path, int saves, int extraMilliseconds)
    {
        string assembly = typeof(CrashTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", ["exec", assembly, "trace-writer", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using Process writer = Process.Start(start)!;
        var errors = new System.Text.StringBuilder();
        writer.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        writer.BeginErrorReadLine();
        int last = 0;
        try
        {
            while (last < saves)
            {
                Task<string?> read = writer.StandardOutput.ReadLineAsync();
                if (!read.Wait(TimeSpan.FromSeconds(30)) || read.Result is null)
                {
                    lock (errors)
                    {
                        Assert.Fail($"the writer stopped reporting (exited: {writer.HasExited}); stderr: {errors}");
                    }
                }

                last = int.Parse(read.Result!.AsSpan("saved ".Length), System.Globalization.CultureInfo.InvariantCulture);
            }

            Thread.Sleep(extraMilliseconds);
        }
        finally
        {
            writer.Kill(entireProcessTree: true); // SIGKILL
            writer.WaitForExit();
        }

        return last;
    }

    /// <summary>A read-only view of a loaded store (a second runtime on the same open store).</summary>
    private sealed class InMemoryView(TraceSnapshot snapshot, ITraceStore store) : ITraceStore
    {
        public string? Warning => null;

        public long SizeOnDisk => store.SizeOnDisk;

        public TraceSnapshot Load()
        {
            var copy = new TraceSnapshot();
            foreach (StoredMemo memo in snapshot.Memos)
            {
                copy.Set(memo);
            }

            foreach (StoredInput input in snapshot.Inputs)
            {
                copy.Set(input);
            }

            return copy;
        }

        public byte[]? ReadValue(string key) => store.ReadValue(key);

        public void Save(TraceChanges changes) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
