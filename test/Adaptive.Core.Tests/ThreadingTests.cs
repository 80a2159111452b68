namespace Adaptive.Core.Tests;

/// <summary>Semantics 9: parallel demand executes each memo once, waiters block, results match a
/// sequential run, and changes are serialized with respect to demands.</summary>
public sealed class ThreadingTests
{
    [Fact]
    public void Parallel_demand_of_ten_thousand_memos_executes_each_once_and_matches_sequential()
    {
        const int Count = 10_000;
        int[] Build(AdaptiveRuntime rt, int[] executions, bool parallel)
        {
            Ref<int> seed = rt.Ref(3, "seed");
            MemoTable<int, int> shared = rt.MemoTable<int, int>(k =>
            {
                Interlocked.Increment(ref executions[Count + k]);
                return (seed.Value * 31) + k;
            }, "shared");
            var memos = new Memo<int>[Count];
            for (int i = 0; i < Count; i++)
            {
                int k = i;
                memos[i] = rt.Memo(() =>
                {
                    Interlocked.Increment(ref executions[k]);
                    return shared[k % 100] + shared[(k * 7) % 100] + k;
                });
            }

            var results = new int[Count];
            if (parallel)
            {
                Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = memos[i].Value);
            }
            else
            {
                for (int i = 0; i < Count; i++)
                {
                    results[i] = memos[i].Value;
                }
            }

            return results;
        }

        var parallelExecutions = new int[Count + 100];
        int[] parallelResults = Build(new AdaptiveRuntime(), parallelExecutions, parallel: true);
        int[] sequentialResults = Build(new AdaptiveRuntime(), new int[Count + 100], parallel: false);

        Assert.Equal(sequentialResults, parallelResults);
        Assert.All(parallelExecutions, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Waiters_block_on_a_memo_being_computed_by_another_thread()
    {
        var rt = new AdaptiveRuntime();
        using var started = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        int executions = 0;
        Memo<int> slow = rt.Memo(() =>
        {
            Interlocked.Increment(ref executions);
            started.Set();
            finish.Wait(TimeSpan.FromSeconds(10));
            return 42;
        }, "slow");

        Task<int> owner = Task.Factory.StartNew(() => slow.Value, TaskCreationOptions.LongRunning);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        Task<int>[] waiters = Enumerable.Range(0, 4)
            .Select(_ => Task.Factory.StartNew(() => slow.Value, TaskCreationOptions.LongRunning))
            .ToArray();
        Thread.Sleep(50);
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        finish.Set();
        Assert.Equal(42, owner.Result);
        Assert.All(waiters, w => Assert.Equal(42, w.Result));
        Assert.Equal(1, executions);
    }

    [Fact]
    public void Writes_wait_for_in_flight_demands_and_later_reads_see_them()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> input = rt.Ref(1, "input");
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var seen = new List<int>();
        Memo<int> m = rt.Memo(() =>
        {
            int first = input.Value;
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            int second = input.Value; // same demand: must not observe a concurrent write
            lock (seen)
            {
                seen.Add(first);
                seen.Add(second);
            }

            return second;
        }, "m");

        Task<int> reader = Task.Factory.StartNew(() => m.Value, TaskCreationOptions.LongRunning);
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)));
        Task writer = Task.Factory.StartNew(() => input.Value = 2, TaskCreationOptions.LongRunning);
        Thread.Sleep(50);
        Assert.False(writer.IsCompleted); // the write waits for the demand
        release.Set();
        Assert.Equal(1, reader.Result);
        Assert.True(writer.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 1], seen);
        release.Set();
        Assert.Equal(2, m.Value);
    }

    [Fact]
    public void Concurrent_writers_and_readers_always_read_a_consistent_snapshot()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> a = rt.Ref(0, "a");
        Ref<int> b = rt.Ref(0, "b");
        Memo<int> difference = rt.Memo(() => a.Value - b.Value, "difference");
        Memo<long> wide = rt.Memo(() => ((long)a.Value << 32) | (uint)b.Value, "wide");
        using var readersStarted = new CountdownEvent(2);

        Task writer = Task.Run(() =>
        {
            Assert.True(readersStarted.Wait(TimeSpan.FromSeconds(30))); // overlap for sure
            for (int i = 1; i <= 2_000; i++)
            {
                int v = i;
                rt.Batch(() =>
                {
                    a.Value = v;
                    b.Value = v;
                });
            }
        });
        int Read()
        {
            int mine = 0;
            readersStarted.Signal();
            while (!writer.IsCompleted || mine < 1_000)
            {
                mine++;
                Assert.Equal(0, difference.Value);
                long w = wide.Value;
                Assert.Equal((int)(w >> 32), (int)w);
            }

            return mine;
        }

        Task<int>[] readers = [.. Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(Read, TaskCreationOptions.LongRunning))];

        Assert.True(writer.Wait(TimeSpan.FromSeconds(60)));
        Assert.All(readers, r => Assert.True(r.Result >= 1_000));
        Assert.Equal(0, difference.Value);
        Assert.Equal((2_000L << 32) | 2_000, wide.Value);
    }
}
