using Adaptive.Core;
using BenchmarkDotNet.Attributes;

namespace Adaptive.Benchmarks.Reactivity;

/// <summary>
/// The graph shapes of js-reactivity-benchmark (its "kairo" suite and cellx), pull-only: where
/// the original has effects, an operation reads the same sinks after each write. Every operation
/// checks its results against the closed-form values of the original suite.
/// </summary>
[MemoryDiagnoser]
public class ReactivityBenchmarks
{
    private readonly Shapes _shapes = new();

    [Benchmark(Description = "avoidable propagation")]
    public void AvoidablePropagation() => _shapes.AvoidablePropagation();

    [Benchmark(Description = "broad propagation (50 x 2)")]
    public void BroadPropagation() => _shapes.BroadPropagation();

    [Benchmark(Description = "deep propagation (50)")]
    public void DeepPropagation() => _shapes.DeepPropagation();

    [Benchmark(Description = "diamond (5)")]
    public void Diamond() => _shapes.Diamond();

    [Benchmark(Description = "mux (100)")]
    public void Mux() => _shapes.Mux();

    [Benchmark(Description = "repeated observers (30)")]
    public void RepeatedObservers() => _shapes.RepeatedObservers();

    [Benchmark(Description = "triangle (10)")]
    public void Triangle() => _shapes.Triangle();

    [Benchmark(Description = "unstable")]
    public void Unstable() => _shapes.Unstable();

    [Benchmark(Description = "cellx 1000 (build, read, batch, stabilize)")]
    public void Cellx1000() => Shapes.Cellx(1000);

    /// <summary>The graphs, built once; each method is one operation of the original suite.</summary>
    public sealed class Shapes
    {
        private readonly AdaptiveRuntime _rt = new();
        private readonly Ref<int> _avoidableHead, _broadHead, _deepHead, _diamondHead, _repeatedHead, _triangleHead, _unstableHead;
        private readonly Memo<int> _avoidableSink, _deepSink, _diamondSum, _repeatedSink, _triangleSum, _unstableSink;
        private readonly Memo<int>[] _broadSinks = new Memo<int>[50];
        private readonly Ref<int>[] _muxHeads = new Ref<int>[100];
        private readonly Memo<int>[] _muxSplit = new Memo<int>[100];

        public Shapes()
        {
            _avoidableHead = _rt.Ref(0);
            Memo<int> c1 = _rt.Memo(_avoidableHead, static h => h.Value);
            Memo<int> c2 = _rt.Memo(c1, static c => c.Value * 0);
            Memo<int> c3 = _rt.Memo(c2, static c => Busy() + c.Value + 1);
            Memo<int> c4 = _rt.Memo(c3, static c => c.Value + 2);
            _avoidableSink = _rt.Memo(c4, static c => c.Value + 3);

            _broadHead = _rt.Ref(0);
            for (int i = 0; i < 50; i++)
            {
                Memo<int> current = _rt.Memo((_broadHead, i), static s => s._broadHead.Value + s.i);
                _broadSinks[i] = _rt.Memo(current, static c => c.Value + 1);
            }

            _deepHead = _rt.Ref(0);
            Memo<int> deep = _rt.Memo(_deepHead, static h => h.Value + 1);
            for (int i = 1; i < 50; i++)
            {
                deep = _rt.Memo(deep, static c => c.Value + 1);
            }

            _deepSink = deep;

            _diamondHead = _rt.Ref(0);
            var branches = new Memo<int>[5];
            for (int i = 0; i < branches.Length; i++)
            {
                branches[i] = _rt.Memo(_diamondHead, static h => h.Value + 1);
            }

            _diamondSum = _rt.Memo(branches, static all => Sum(all));

            for (int i = 0; i < _muxHeads.Length; i++)
            {
                _muxHeads[i] = _rt.Ref(0);
            }

            Memo<int[]> mux = _rt.Memo(_muxHeads, static heads =>
            {
                var values = new int[heads.Length];
                for (int i = 0; i < heads.Length; i++)
                {
                    values[i] = heads[i].Value;
                }

                return values; // a new object each time, as in the original
            });
            for (int i = 0; i < _muxSplit.Length; i++)
            {
                Memo<int> pick = _rt.Memo((mux, i), static s => s.mux.Value[s.i]);
                _muxSplit[i] = _rt.Memo(pick, static p => p.Value + 1);
            }

            _repeatedHead = _rt.Ref(0);
            _repeatedSink = _rt.Memo(_repeatedHead, static h =>
            {
                int result = 0;
                for (int i = 0; i < 30; i++)
                {
                    result += h.Value;
                }

                return result;
            });

            _triangleHead = _rt.Ref(0);
            var list = new Memo<int>[10];
            list[0] = _rt.Memo(_triangleHead, static h => h.Value);
            Memo<int> triangle = _rt.Memo(_triangleHead, static h => h.Value + 1);
            for (int i = 1; i < list.Length; i++)
            {
                list[i] = triangle;
                triangle = _rt.Memo(triangle, static c => c.Value + 1);
            }

            _triangleSum = _rt.Memo(list, static all => Sum(all));

            _unstableHead = _rt.Ref(0);
            Memo<int> twice = _rt.Memo(_unstableHead, static h => h.Value * 2);
            Memo<int> inverse = _rt.Memo(_unstableHead, static h => -h.Value);
            _unstableSink = _rt.Memo((_unstableHead, twice, inverse), static s =>
            {
                int result = 0;
                for (int i = 0; i < 20; i++)
                {
                    result += s._unstableHead.Value % 2 != 0 ? s.twice.Value : s.inverse.Value;
                }

                return result;
            });
        }

        public void AvoidablePropagation()
        {
            _avoidableHead.Value = 1;
            Check(_avoidableSink.Value == 6);
            for (int i = 0; i < 1000; i++)
            {
                _avoidableHead.Value = i;
                Check(_avoidableSink.Value == 6);
            }
        }

        public void BroadPropagation()
        {
            _broadHead.Value = 1;
            for (int i = 0; i < 50; i++)
            {
                _broadHead.Value = i;
                for (int j = 0; j < _broadSinks.Length; j++)
                {
                    Check(_broadSinks[j].Value == i + j + 1);
                }
            }
        }

        public void DeepPropagation()
        {
            _deepHead.Value = 1;
            for (int i = 0; i < 50; i++)
            {
                _deepHead.Value = i;
                Check(_deepSink.Value == 50 + i);
            }
        }

        public void Diamond()
        {
            _diamondHead.Value = 1;
            for (int i = 0; i < 500; i++)
            {
                _diamondHead.Value = i;
                Check(_diamondSum.Value == (i + 1) * 5);
            }
        }

        public void Mux()
        {
            for (int i = 0; i < 10; i++)
            {
                _muxHeads[i].Value = i;
                Check(_muxSplit[i].Value == i + 1);
            }

            for (int i = 0; i < 10; i++)
            {
                _muxHeads[i].Value = i * 2;
                Check(_muxSplit[i].Value == (i * 2) + 1);
            }
        }

        public void RepeatedObservers()
        {
            _repeatedHead.Value = 1;
            for (int i = 0; i < 100; i++)
            {
                _repeatedHead.Value = i;
                Check(_repeatedSink.Value == i * 30);
            }
        }

        public void Triangle()
        {
            const int Constant = 45; // 0 + 1 + ... + 9
            _triangleHead.Value = 1;
            for (int i = 0; i < 100; i++)
            {
                _triangleHead.Value = i;
                Check(_triangleSum.Value == Constant + (i * 10));
            }
        }

        public void Unstable()
        {
            _unstableHead.Value = 1;
            for (int i = 0; i < 100; i++)
            {
                _unstableHead.Value = i;
                Check(_unstableSink.Value == (i % 2 != 0 ? i * 2 * 20 : -i * 20));
            }
        }

        /// <summary>cellx: layers of four cells each reading the previous layer; every cell is
        /// observed (the original has an effect on each). Checked against a plain evaluation.</summary>
        public static void Cellx(int layers)
        {
            var rt = new AdaptiveRuntime();
            Ref<int> s1 = rt.Ref(1), s2 = rt.Ref(2), s3 = rt.Ref(3), s4 = rt.Ref(4);
            Memo<int> p1 = rt.Memo(s2, static r => r.Value);
            Memo<int> p2 = rt.Memo((s1, s3), static r => r.s1.Value - r.s3.Value);
            Memo<int> p3 = rt.Memo((s2, s4), static r => r.s2.Value + r.s4.Value);
            Memo<int> p4 = rt.Memo(s3, static r => r.Value);
            using Observer effects = rt.CreateObserver();
            for (int i = 1; i < layers; i++)
            {
                effects.Add(p1);
                effects.Add(p2);
                effects.Add(p3);
                effects.Add(p4);
                (Memo<int> m1, Memo<int> m2, Memo<int> m3, Memo<int> m4) = (p1, p2, p3, p4);
                p1 = rt.Memo(m2, static m => m.Value);
                p2 = rt.Memo((m1, m3), static m => m.m1.Value - m.m3.Value);
                p3 = rt.Memo((m2, m4), static m => m.m2.Value + m.m4.Value);
                p4 = rt.Memo(m3, static m => m.Value);
            }

            effects.Add(p1);
            effects.Add(p2);
            effects.Add(p3);
            effects.Add(p4);
            effects.Stabilize();
            Check(End(p1, p2, p3, p4) == PlainCellx(layers, 1, 2, 3, 4));
            rt.Batch(() =>
            {
                s1.Value = 4;
                s2.Value = 3;
                s3.Value = 2;
                s4.Value = 1;
            });
            effects.Stabilize();
            Check(End(p1, p2, p3, p4) == PlainCellx(layers, 4, 3, 2, 1));
        }

        private static (int, int, int, int) End(Memo<int> p1, Memo<int> p2, Memo<int> p3, Memo<int> p4) =>
            (p1.Value, p2.Value, p3.Value, p4.Value);

        private static (int, int, int, int) PlainCellx(int layers, int a, int b, int c, int d)
        {
            for (int i = 0; i < layers; i++)
            {
                (a, b, c, d) = (b, a - c, b + d, c);
            }

            return (a, b, c, d);
        }

        private static int Sum(Memo<int>[] memos)
        {
            int sum = 0;
            foreach (Memo<int> memo in memos)
            {
                sum += memo.Value;
            }

            return sum;
        }

        private static int Busy()
        {
            int a = 0;
            for (int i = 0; i < 100; i++)
            {
                a++;
            }

            return a - 100;
        }

        private static void Check(bool condition)
        {
            if (!condition)
            {
                throw new InvalidOperationException("reactivity benchmark check failed");
            }
        }
    }
}
