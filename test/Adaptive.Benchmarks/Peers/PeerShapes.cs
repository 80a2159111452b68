using Adaptive.Core;

namespace Adaptive.Benchmarks.Peers;

/// <summary>
/// The three shapes of ../shared/bench/README.md, ported exactly. Memos are created with the
/// state overload and static lambdas (no closure per memo), as generated [Memo] code does.
/// </summary>
internal static class PeerShapes
{
    public const int Width = 1000;
    public const int Iterations = 10_000;

    /// <summary>(a) s, c1 = s + 1, c(k) = c(k-1) + 1 up to c1000.</summary>
    public sealed class Chain
    {
        public readonly AdaptiveRuntime Runtime = new();
        public readonly Ref<int> Source;
        public readonly Memo<int> Tail;
        private int _next;

        public Chain()
        {
            Source = Runtime.Ref(0);
            Memo<int> last = Runtime.Memo(Source, static s => s.Value + 1);
            for (int i = 1; i < Width; i++)
            {
                last = Runtime.Memo(last, static p => p.Value + 1);
            }

            Tail = last;
            Check(Tail.Value == Width, "chain initial");
        }

        /// <summary>One iteration: write s, read the tail.</summary>
        public int Step()
        {
            int v = ++_next;
            Source.Value = v;
            int tail = Tail.Value;
            if (tail != v + Width)
            {
                throw new InvalidOperationException("chain value");
            }

            return tail;
        }
    }

    /// <summary>(b) s, f(i) = s + i for i = 0..999, sum = f(0) + ... + f(999).</summary>
    public sealed class Fan
    {
        public readonly AdaptiveRuntime Runtime = new();
        public readonly Ref<int> Source;
        public readonly Memo<int> Sum;
        private int _next;

        public Fan()
        {
            Source = Runtime.Ref(0);
            var fans = new Memo<int>[Width];
            for (int i = 0; i < Width; i++)
            {
                fans[i] = Runtime.Memo((Source, i), static x => x.Source.Value + x.i);
            }

            Sum = Runtime.Memo(fans, static all =>
            {
                int acc = 0;
                for (int i = 0; i < all.Length; i++)
                {
                    acc += all[i].Value;
                }

                return acc;
            });
            Check(Sum.Value == 499500, "fan initial");
        }

        public int Step()
        {
            int v = ++_next;
            Source.Value = v;
            int sum = Sum.Value;
            if (sum != (Width * v) + 499500)
            {
                throw new InvalidOperationException("fan value");
            }

            return sum;
        }
    }

    /// <summary>(c) 1,000 inputs and 1,000 layers of 1,000 memos; node j of layer L reads
    /// prev[p] + prev[q] (int wrap-around), p and q drawn from the seeded PRNG.</summary>
    public sealed class Dag
    {
        public readonly AdaptiveRuntime Runtime = new();
        public readonly Ref<int>[] Sources = new Ref<int>[Width];
        public readonly Memo<int>[][] Layers = new Memo<int>[Width][];

        /// <summary>The build phase: create every node, read nothing.</summary>
        public Dag()
        {
            var rand = new PseudoRandom();
            for (int j = 0; j < Width; j++)
            {
                Sources[j] = Runtime.Ref(j);
            }

            var first = new Memo<int>[Width];
            for (int j = 0; j < Width; j++)
            {
                Ref<int> p = Sources[Draw(rand)], q = Sources[Draw(rand)];
                first[j] = Runtime.Memo((p, q), static x => unchecked(x.p.Value + x.q.Value));
            }

            Layers[0] = first;
            for (int layer = 1; layer < Width; layer++)
            {
                Memo<int>[] previous = Layers[layer - 1];
                var row = new Memo<int>[Width];
                for (int j = 0; j < Width; j++)
                {
                    Memo<int> p = previous[Draw(rand)], q = previous[Draw(rand)];
                    row[j] = Runtime.Memo((p, q), static x => unchecked(x.p.Value + x.q.Value));
                }

                Layers[layer] = row;
            }
        }

        /// <summary>The cold-read phase: every memo, layer by layer, in index order.</summary>
        public void ReadAll()
        {
            for (int layer = 0; layer < Width; layer++)
            {
                Memo<int>[] row = Layers[layer];
                for (int j = 0; j < Width; j++)
                {
                    _ = row[j].Value;
                }
            }
        }

        public long SinkSum()
        {
            long sum = 0;
            foreach (Memo<int> sink in Layers[Width - 1])
            {
                sum += sink.Value;
            }

            return sum;
        }

        /// <summary>The update phase: S[0] = 1000, then read the sinks whose index is a multiple of 100.</summary>
        public long Update()
        {
            Sources[0].Value = 1000;
            long sum = 0;
            Memo<int>[] sinks = Layers[Width - 1];
            for (int j = 0; j < Width; j += 100)
            {
                sum += sinks[j].Value;
            }

            return sum;
        }

        private static int Draw(PseudoRandom rand) => (int)Math.Floor(rand.NextDouble() * Width);
    }

    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("check failed: " + what);
        }
    }
}
