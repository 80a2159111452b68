namespace Adaptive.Benchmarks.Peers;

/// <summary>
/// js-reactivity-benchmark's <c>pseudoRandom("seed")</c>: sfc32 seeded with four outputs of
/// xmur3a, all 32-bit unsigned arithmetic — a bit-exact port of peer-bench.mjs, so both sides
/// build the same graph (verified by the checksums).
/// </summary>
internal sealed class PseudoRandom
{
    private uint _a, _b, _c, _d;

    public PseudoRandom(string seed = "seed")
    {
        uint h = 2166136261;
        foreach (char ch in seed)
        {
            uint k = unchecked(ch * 3432918353u);
            k = (k << 15) | (k >> 17);
            h ^= unchecked(k * 461845907u);
            h = (h << 13) | (h >> 19);
            h = unchecked((h * 5) + 3864292196u);
        }

        h ^= (uint)seed.Length;
        _a = Next(ref h);
        _b = Next(ref h);
        _c = Next(ref h);
        _d = Next(ref h);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble()
    {
        unchecked
        {
            uint t = _a + _b;
            _a = _b ^ (_b >> 9);
            _b = _c + (_c << 3);
            _c = (_c << 21) | (_c >> 11);
            _d++;
            t += _d;
            _c += t;
            return t / 4294967296.0;
        }
    }

    private static uint Next(ref uint h)
    {
        unchecked
        {
            h ^= h >> 16;
            h *= 2246822507;
            h ^= h >> 13;
            h *= 3266489909;
            h ^= h >> 16;
            return h;
        }
    }
}
