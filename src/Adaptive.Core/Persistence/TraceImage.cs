using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Adaptive.Core;

/// <summary>
/// The trace's graph as one compact binary structure, in the shape of rustc's serialized dep
/// graph: parallel arrays indexed by entry, edges as integer indices (CSR), read with
/// <see cref="MemoryMarshal"/> in one go — no object per entry until an entry is asked for.
/// A store keeps a base image and small delta images (same layout) on top of it.
/// </summary>
/// <remarks>
/// <para>Layout (little-endian; every section padded to 8 bytes):</para>
/// <code>
/// header   magic "ADT4", entries N, edges E, codes C, exceptions X, stats S, values V, deleted D, key bytes K, slots P
/// keys     keyStart int[N+1], keyBytes byte[K]   UTF-8
///          slots int[P]                           hash index: XXH3 of the key's bytes, linear probing, index + 1
/// kind     byte[N]                                0 placeholder (only depended on), 1 input, 2 memo
/// fp       Fingerprint128[N]                      value fingerprint (a placeholder: what its first reader saw)
/// code     ulong[C] table, codeIndex int[N]       memos' code fingerprints (-1 for others)
/// edges    edgeStart int[N+1], edges int[E]       dependency index, bit 31 = the reader saw a failure
/// observed edge int[X], Fingerprint128[X]         the fingerprint a reader saw, where it differs from the dependency's
/// stats    entry int[S], long[5 S]                file inputs: size, mtime, ctime (ns), inode, device
/// values   entry int[V], int[3 V]                 stored value: chunk, offset, length (the store's own)
/// deleted  keyStart int[D+1], keyBytes             a delta's deleted keys
/// </code>
/// <para>Decoding checks every index against the sizes; a damaged image throws
/// <see cref="FormatException"/> (the store also checks a checksum before decoding).</para>
/// </remarks>
internal sealed partial class TraceImage
{
    private const uint Magic = 0x34544441; // "ADT4"
    private const int HeaderSize = 40;

    public const byte Placeholder = 0;
    public const byte InputKind = 1;
    public const byte MemoKind = 2;

    // The large sections are views of the decoded bytes, not copies (tens of megabytes at
    // 10,000 pages: copying them was most of a load's decode).
    private readonly Section<byte> _keyBytes;
    private readonly Section<int> _keyStart;
    private readonly Section<int> _slots;
    private readonly byte[] _kinds;
    private readonly Section<Fingerprint128> _fingerprints;
    private readonly ulong[] _codes;
    private readonly int[] _codeIndex;
    private readonly Section<int> _edgeStart;
    private readonly Section<int> _edges;
    private readonly int[] _observedEdge;
    private readonly Fingerprint128[] _observed;
    private readonly int[] _statEntry;
    private readonly long[] _stats;
    private readonly int[] _valueEntry;
    private readonly int[] _values;
    private readonly string?[] _keys;

    // Decoding (the constructor, Decode, the bounds checks) is in TraceImage.Decode.cs;
    // encoding (Encode, the key index, the writer) in TraceImage.Encode.cs.

    /// <summary>Entries (including placeholders).</summary>
    public int Count => _kinds.Length;

    /// <summary>Dependencies stored.</summary>
    public int EdgeCount => _edges.Length;

    /// <summary>Keys a delta deletes.</summary>
    public string[] Deleted { get; }

    /// <summary>The kind of entry <paramref name="index"/>.</summary>
    public byte KindAt(int index) => _kinds[index];

    /// <summary>The key of entry <paramref name="index"/> (decoded once).</summary>
    public string KeyAt(int index) =>
        _keys[index] ??= Encoding.UTF8.GetString(_keyBytes.Span.Slice(_keyStart[index], _keyStart[index + 1] - _keyStart[index]));

    /// <summary>The index of <paramref name="key"/>, or -1: one hash, and a probe or two.</summary>
    public int IndexOf(string key)
    {
        int length = Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        Span<byte> probe = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        probe = probe[..Encoding.UTF8.GetBytes(key, probe)];
        ReadOnlySpan<int> slots = _slots.Span;
        ReadOnlySpan<int> keyStart = _keyStart.Span;
        ReadOnlySpan<byte> keyBytes = _keyBytes.Span;
        int mask = slots.Length - 1;
        int found = -1;
        for (int slot = (int)XxHash3.HashToUInt64(probe) & mask; slots[slot] != 0; slot = (slot + 1) & mask)
        {
            int index = slots[slot] - 1;
            if (keyBytes.Slice(keyStart[index], keyStart[index + 1] - keyStart[index]).SequenceEqual(probe))
            {
                found = index;
                break;
            }
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return found;
    }

    /// <summary>The value fingerprint of entry <paramref name="index"/>.</summary>
    public Fingerprint128 FingerprintAt(int index) => _fingerprints[index];

    /// <summary>The code fingerprint of memo <paramref name="index"/>.</summary>
    public ulong CodeAt(int index) => _codes[_codeIndex[index]];

    /// <summary>The position in the code table of memo <paramref name="index"/>'s code fingerprint.</summary>
    public int CodeIndexAt(int index) => _codeIndex[index];

    /// <summary>Distinct code fingerprints.</summary>
    public int CodeCount => _codes.Length;

    /// <summary>Code fingerprint <paramref name="codeIndex"/> of the table.</summary>
    public ulong Code(int codeIndex) => _codes[codeIndex];

    /// <summary>The first edge of entry <paramref name="index"/> (its dependencies, in order, run to <see cref="EdgeEnd"/>).</summary>
    public int EdgeStart(int index) => _edgeStart[index];

    /// <summary>One past the last edge of entry <paramref name="index"/>.</summary>
    public int EdgeEnd(int index) => _edgeStart[index + 1];

    /// <summary>The dependency of edge <paramref name="edge"/>, and whether its reader saw a failure.</summary>
    public int EdgeTarget(int edge, out bool failed)
    {
        int target = _edges[edge];
        failed = target < 0;
        return target & int.MaxValue;
    }

    /// <summary>The fingerprint the reader of edge <paramref name="edge"/> saw.</summary>
    public Fingerprint128 ObservedAt(int edge)
    {
        int exception = Array.BinarySearch(_observedEdge, edge);
        return exception >= 0 ? _observed[exception] : _fingerprints[_edges[edge] & int.MaxValue];
    }

    /// <summary>Entry <paramref name="index"/> as a stored memo (it must be one).</summary>
    public StoredMemo MemoAt(int index)
    {
        int start = _edgeStart[index];
        var dependencies = new StoredDependency[_edgeStart[index + 1] - start];
        int exception = Array.BinarySearch(_observedEdge, start);
        if (exception < 0)
        {
            exception = ~exception;
        }

        for (int i = 0; i < dependencies.Length; i++)
        {
            int edge = _edges[start + i];
            int dependency = edge & int.MaxValue;
            Fingerprint128 seen = _fingerprints[dependency];
            if (exception < _observedEdge.Length && _observedEdge[exception] == start + i)
            {
                seen = _observed[exception++];
            }

            dependencies[i] = new StoredDependency(KeyAt(dependency), seen, edge < 0);
        }

        return new StoredMemo(KeyAt(index), _codes[_codeIndex[index]], _fingerprints[index], dependencies);
    }

    /// <summary>Entry <paramref name="index"/> as a stored input (it must be one).</summary>
    public StoredInput InputAt(int index)
    {
        int stat = Array.BinarySearch(_statEntry, index);
        FileStat? fileStat = stat < 0 ? null : new FileStat(_stats[5 * stat], _stats[(5 * stat) + 1], _stats[(5 * stat) + 2], unchecked((ulong)_stats[(5 * stat) + 3]), unchecked((ulong)_stats[(5 * stat) + 4]));
        return new StoredInput(KeyAt(index), _fingerprints[index], fileStat);
    }

    /// <summary>Where the store keeps entry <paramref name="index"/>'s value, if it keeps one.</summary>
    public ValueLocation? ValueAt(int index)
    {
        int value = Array.BinarySearch(_valueEntry, index);
        return value < 0 ? null : new ValueLocation(_values[3 * value], _values[(3 * value) + 1], _values[(3 * value) + 2]);
    }

    private static int Padded(int size) => (size + 7) & ~7;

    /// <summary>A section of the image's bytes seen as <typeparamref name="T"/> values, in place.
    /// Sections start at multiples of 8 from the array's start, so each is aligned.</summary>
    private readonly struct Section<T>(byte[] bytes, int offset, int length)
        where T : unmanaged
    {
        public int Length => length;

        public ReadOnlySpan<T> Span => MemoryMarshal.Cast<byte, T>(bytes.AsSpan(offset, length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)length)
                {
                    throw new IndexOutOfRangeException();
                }

                // In bounds of the section, which the reader checked is inside the array.
                return System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref System.Runtime.CompilerServices.Unsafe.Add(
                    ref MemoryMarshal.GetArrayDataReference(bytes), offset + (index * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())));
            }
        }
    }
}

/// <summary>A stored memo or input and where its value is kept (null: no value).</summary>
internal readonly record struct TraceEntry(StoredMemo? Memo, StoredInput? Input, ValueLocation? Value)
{
    public string Key => Memo?.Key ?? Input!.Key;
}

/// <summary>Where a store keeps a value: a chunk, and the value's place in it.</summary>
internal readonly record struct ValueLocation(int Chunk, int Offset, int Length);
