using Adaptive.Core.Tests.Properties;
using Adaptive.Testing;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>
/// A new process (a new runtime on the same store) reuses every result whose inputs did not
/// change, never returns a stale value, and executes exactly what an in-process runtime would.
/// </summary>
public sealed class TraceReuseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-reuse-").FullName;
    private int _run;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Unchanged_inputs_reuse_everything_without_executing()
    {
        string path = Path.Combine(_dir, "a.db");
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var rt = new AdaptiveRuntime(store);
            Ref<string> text = rt.Ref("hello world", "text");
            Memo<int> words = rt.Memo(() => text.Value.Split(' ').Length, "words");
            Memo<string> label = rt.Memo(() => words.Value + " words", "label");
            Assert.Equal("2 words", label.Value);
            Assert.Equal(new TraceSaveResult(3, 0), rt.SaveTrace());
        }

        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var rt = new AdaptiveRuntime(store);
            Ref<string> text = rt.Ref("hello world", "text");
            int executions = 0;
            Memo<int> words = rt.Memo(() => { executions++; return text.Value.Split(' ').Length; }, "words");
            Memo<string> label = rt.Memo(() => { executions++; return words.Value + " words"; }, "label");
            Assert.Equal("2 words", label.Value);
            Assert.Equal(0, executions);
            Assert.Equal(2, rt.Stats.Reused);

            // The reused graph is live: a change propagates as usual.
            text.Value = "one two three";
            Assert.Equal("3 words", label.Value);
            Assert.Equal(2, executions);
            Assert.Equal(new TraceSaveResult(3, 0), rt.SaveTrace());
            Assert.Equal(new TraceSaveResult(0, 0), rt.SaveTrace()); // nothing changed since
        }
    }

    [Fact]
    public void A_table_entry_is_persistent_before_another_thread_can_see_it()
    {
        // A new process resolves stored keys from every rendering thread at once. An entry that
        // other threads could see before it was persistent was executed by them as if it were
        // new instead of adopted: the cause of a rare re-execution in TraceTests under load.
        using LiteDbTraceStore store = LiteDbTraceStore.Open(Path.Combine(_dir, "race.db"));
        var rt = new AdaptiveRuntime(store);
        MemoTable<int, int> entry = rt.MemoTable<int, int>(k => k * 2, "entry");
        Task<Memo<int>> creating;
        lock (rt._persistent) // registration waits here, with the entry already published
        {
            creating = Task.Run(() => entry.GetMemo(1));
            Assert.True(SpinWait.SpinUntil(() => entry.Count == 1, TimeSpan.FromSeconds(10)));
            Memo<int> seen = entry.GetMemo(1); // what another thread gets meanwhile
            Assert.NotNull(seen._persist);
            Assert.Equal("entry[1]", seen._persist.Key);
        }

        Assert.Same(entry.GetMemo(1), creating.Result);
    }

    [Fact]
    public void Tables_keyed_by_tuples_are_reused_and_found_by_their_escaped_keys()
    {
        string path = Path.Combine(_dir, "tuples.db");
        (string, int)[] keys = [("a, b", 1), ("back\\slash,", -2), ("(x)", 3)];
        int executions = 0;
        for (int process = 0; process < 2; process++)
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
            var rt = new AdaptiveRuntime(store);
            Ref<string> suffix = rt.Ref("!", "suffix");
            MemoTable<(string Text, int Count), string> repeat = rt.MemoTable<(string Text, int Count), string>(
                key => { executions++; return string.Concat(Enumerable.Repeat(key.Text, Math.Abs(key.Count))) + suffix.Value; }, "repeat");
            Memo<string> all = rt.Memo(() => { executions++; return string.Join("|", keys.Select(k => repeat[k])); }, "all");
            Assert.Equal("a, b!|back\\slash,back\\slash,!|(x)(x)(x)!", all.Value);
            rt.SaveTrace();
        }

        Assert.Equal(4, executions); // the first process only: the second adopts "all" and never needs the entries' values
    }

    [Fact]
    public void Stored_values_load_safely_from_many_threads_at_once()
    {
        string path = Path.Combine(_dir, "parallel.db");
        for (int process = 0; process < 2; process++)
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
            var rt = new AdaptiveRuntime(store);
            Ref<string> seed = rt.Ref(new string('x', 2000), "seed");
            MemoTable<int, string> values = rt.MemoTable<int, string>(i => seed.Value + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "values");
            using Observer observer = rt.CreateObserver();
            for (int i = 0; i < 3000; i++)
            {
                observer.Add(values.GetMemo(i));
            }

            observer.Stabilize(maxDegreeOfParallelism: 8);
            Parallel.For(0, 3000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => Assert.Equal(seed.Value + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i])); // the second process reads 3,000 stored values concurrently
            rt.SaveTrace();
        }
    }

    [Fact]
    public void Cutoff_holds_across_processes()
    {
        string path = Path.Combine(_dir, "b.db");
        RunWith(path, "hello world", _ => { });
        int labelExecutions = 0;
        RunWith(path, "HELLO WORLD", rt => labelExecutions = (int)rt.Stats.Executions);
        Assert.Equal(1, labelExecutions); // words re-executed (its input changed) to the same value; label reused

        void RunWith(string file, string value, Action<AdaptiveRuntime> check)
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(file);
            var rt = new AdaptiveRuntime(store);
            Ref<string> text = rt.Ref(value, "text");
            Memo<int> words = rt.Memo(() => text.Value.Split(' ').Length, "words");
            Memo<string> label = rt.Memo(() => words.Value + " words", "label");
            Assert.Equal("2 words", label.Value);
            check(rt);
            rt.SaveTrace();
        }
    }

    [Fact]
    public void Changing_a_memos_code_invalidates_only_it_and_what_reads_its_changed_value()
    {
        string path = Path.Combine(_dir, "c.db");
        Assert.Equal((2, 0L), Run(path, codeOfLength: 1, lengthOffset: 0));
        Assert.Equal((0, 2L), Run(path, codeOfLength: 1, lengthOffset: 0));
        Assert.Equal((1, 1L), Run(path, codeOfLength: 2, lengthOffset: 0)); // same value: the reader is reused
        Assert.Equal((2, 0L), Run(path, codeOfLength: 3, lengthOffset: 1)); // new value: the reader executes

        static (long Executions, long Reused) Run(string file, ulong codeOfLength, int lengthOffset)
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(file);
            var rt = new AdaptiveRuntime(store);
            var owner = new Owner(rt, lengthOffset);
            var length = new Adaptive.Core.Plumbing.MemoMember<Owner, int>("Owner.Length", codeOfLength, static o => o.Text.Value.Length + o.Offset);
            Memo<int>? slot = null;
            Memo<int> lengthMemo = length.Create(ref slot, owner, rt);
            Memo<string> reader = rt.Memo(() => "length " + lengthMemo.Value, "reader");
            _ = reader.Value;
            rt.SaveTrace();
            return (rt.Stats.Executions, rt.Stats.Reused);
        }
    }

    [Fact]
    public void Unreachable_entries_are_deleted_when_saving_with_observers()
    {
        string path = Path.Combine(_dir, "d.db");
        using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
        var rt = new AdaptiveRuntime(store);
        Ref<int> a = rt.Ref(1, "a");
        Memo<int> kept = rt.Memo(() => a.Value + 1, "kept");
        Memo<int> dropped = rt.Memo(() => a.Value + 2, "dropped");
        using Observer outputs = rt.CreateObserver();
        outputs.Add(kept);
        outputs.Add(dropped);
        outputs.Stabilize();
        Assert.Equal(new TraceSaveResult(3, 0), rt.SaveTrace());
        outputs.Remove(dropped);
        Assert.Equal(new TraceSaveResult(0, 1), rt.SaveTrace());
        Assert.Equal(["a", "kept"], store.Load().Keys.Order());
    }

    [AdaptProperty(PropertyCases.Trace, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void A_new_process_equals_the_reference_and_executes_what_an_in_process_runtime_executes((GraphProgram Program, int[] Before, int[] After) testCase)
    {
        (GraphProgram program, int[] before, int[] after) = testCase;
        string path = Path.Combine(_dir, "p" + _run++ + ".db");

        // In process: first values, then the edit as one batch.
        var inProcess = new PersistentProgram(program, before, store: null);
        inProcess.DemandAll();
        inProcess.TakeExecuted();
        inProcess.Set(after);
        long[] expectedValues = inProcess.DemandAll();
        List<string> expectedExecuted = inProcess.TakeExecuted();

        // Process 1 computes and saves; process 2 starts from the edited values.
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var first = new PersistentProgram(program, before, store);
            first.DemandAll();
            first.Runtime.SaveTrace();
        }

        // A process with no edits: nothing that succeeded executes, results are identical.
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var unedited = new PersistentProgram(program, before, store);
            long[] values = unedited.DemandAll();
            var reference = new ReferenceEvaluator(program, before);
            Assert.Equal([.. Enumerable.Range(0, program.Memos.Length).Select(j => ReferenceEvaluator.Outcome(() => reference.Memo(j)))], values);
            Assert.All(unedited.TakeExecuted(), name =>
                Assert.Equal(ReferenceEvaluator.Failed, values[int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]));
        }

        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var second = new PersistentProgram(program, after, store);
            long[] values = second.DemandAll();
            List<string> executed = second.TakeExecuted();
            var reference = new ReferenceEvaluator(program, after);
            long[] fromScratch = [.. Enumerable.Range(0, program.Memos.Length).Select(j => ReferenceEvaluator.Outcome(() => reference.Memo(j)))];
            Assert.Equal(fromScratch, values);
            Assert.Equal(fromScratch, expectedValues);

            // Exactly what the in-process runtime executed, plus memos that failed: cached
            // exceptions are not persisted (they cannot be re-created faithfully in another
            // process), so a failing memo runs again, and fails again.
            Assert.Subset(executed.ToHashSet(), expectedExecuted.ToHashSet());
            Assert.All(executed.Except(expectedExecuted), name =>
                Assert.Equal(ReferenceEvaluator.Failed, values[int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]));
        }

        // A single-build process (adapt build): green results are taken from the stored graph
        // without their dependencies; the same values, the same executions, and a save whose
        // garbage collection keeps everything the observed memos still need.
        long[] expected = expectedValues;
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var single = new PersistentProgram(program, after, store, singleBuild: true);
            using Observer observer = single.Runtime.CreateObserver();
            foreach (Memo<int> memo in single.Memos)
            {
                observer.Add(memo);
            }

            observer.Stabilize();
            long[] values = single.DemandAll();
            List<string> executed = single.TakeExecuted();
            Assert.Equal(expected, values);
            Assert.Subset(executed.ToHashSet(), expectedExecuted.ToHashSet());
            Assert.All(executed.Except(expectedExecuted), name =>
                Assert.Equal(ReferenceEvaluator.Failed, values[int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]));
            single.Runtime.SaveTrace();
        }

        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var after2 = new PersistentProgram(program, after, store);
            long[] values = after2.DemandAll();
            Assert.Equal(expected, values);
            Assert.All(after2.TakeExecuted(), name =>
                Assert.Equal(ReferenceEvaluator.Failed, values[int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]));
        }
    }

    private sealed class Owner(AdaptiveRuntime runtime, int offset) : AdaptiveObject(runtime)
    {
        public Ref<string> Text { get; } = runtime.Ref("abc", "text");

        public int Offset => offset;

        public override string Key => "one";
    }
}
