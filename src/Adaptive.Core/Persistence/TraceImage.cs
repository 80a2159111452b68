using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
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
internal sealed class TraceImage
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

    private TraceImage(ref Reader reader)
    {
        int count = reader.Count;
        _keyStart = reader.View<int>(count + 1);
        _keyBytes = reader.View<byte>(reader.KeyBytes);
        CheckOffsets(_keyStart.Span, _keyBytes.Length);
        _slots = reader.View<int>(reader.Slots);
        if (!BitOperations.IsPow2(_slots.Length) || _slots.Length <= count)
        {
            throw Damaged();
        }

        foreach (int slot in _slots.Span)
        {
            if (slot < 0 || slot > count)
            {
                throw Damaged();
            }
        }
        _kinds = reader.Bytes(count);
        _fingerprints = reader.View<Fingerprint128>(count);
        _codes = reader.Array<ulong>(reader.Codes);
        _codeIndex = reader.Ints(count);
        _edgeStart = reader.View<int>(count + 1);
        _edges = reader.View<int>(reader.Edges);
        CheckOffsets(_edgeStart.Span, _edges.Length);
        _observedEdge = reader.Ints(reader.Exceptions);
        _observed = reader.Array<Fingerprint128>(reader.Exceptions);
        _statEntry = reader.Ints(reader.Stats);
        _stats = reader.Array<long>(5 * reader.Stats);
        _valueEntry = reader.Ints(reader.Values);
        _values = reader.Ints(3 * reader.Values);
        int[] deletedStart = reader.Ints(reader.Deleted + 1);
        byte[] deletedBytes = reader.Bytes(deletedStart[^1] < 0 ? throw Damaged() : deletedStart[^1]);
        CheckOffsets(deletedStart, deletedBytes.Length);
        Deleted = new string[reader.Deleted];
        for (int i = 0; i < Deleted.Length; i++)
        {
            Deleted[i] = Encoding.UTF8.GetString(deletedBytes, deletedStart[i], deletedStart[i + 1] - deletedStart[i]);
        }

        foreach (int code in _codeIndex)
        {
            if (code < -1 || code >= _codes.Length)
            {
                throw Damaged();
            }
        }

        foreach (int edge in _edges.Span)
        {
            if ((edge & int.MaxValue) >= count)
            {
                throw Damaged();
            }
        }

        CheckSorted(_observedEdge, _edges.Length);
        CheckSorted(_statEntry, count);
        CheckSorted(_valueEntry, count);
        _keys = new string?[count];
    }

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

    /// <summary>Decodes an image; throws <see cref="FormatException"/> when it is damaged.</summary>
    public static TraceImage Decode(byte[] bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new FormatException("the trace is read on little-endian machines only");
        }

        var reader = new Reader(bytes);
        try
        {
            return new TraceImage(ref reader);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new FormatException("the trace's graph is damaged", ex);
        }
    }

    /// <summary>Encodes <paramref name="entries"/> (stored memos and inputs, each with where its
    /// value is kept) and the keys a delta deletes.</summary>
    public static byte[] Encode(IReadOnlyList<TraceEntry> entries, IReadOnlyList<string> deleted)
    {
        // Every key gets an index: the entries' first (in order), then their dependencies'
        // (placeholders). Keys are mostly the runtime's own string instances, repeated on every
        // edge: looked up by reference first, by content once per instance.
        var keys = new KeyIndexer(entries.Count);
        int edgeCount = 0;
        foreach (TraceEntry entry in entries)
        {
            _ = keys.IndexOf(entry.Key);
            edgeCount += entry.Memo?.Dependencies.Count ?? 0;
        }

        var byIndex = new TraceEntry?[keys.Count];
        foreach (TraceEntry entry in entries)
        {
            byIndex[keys.IndexOf(entry.Key)] = entry; // the last one wins, as in a save
        }

        var edgeIndices = new int[edgeCount];
        int next = 0;
        for (int index = 0; index < byIndex.Length; index++)
        {
            if (byIndex[index]?.Memo is { } memo)
            {
                foreach (StoredDependency dependency in memo.Dependencies)
                {
                    edgeIndices[next++] = keys.IndexOf(dependency.Key);
                }
            }
        }

        int count = keys.Count;
        Array.Resize(ref byIndex, count);
        var kinds = new byte[count];
        var fingerprints = new Fingerprint128[count];
        var codeIndex = new int[count];
        Array.Fill(codeIndex, -1);
        var codes = new List<ulong>();
        var codeOf = new Dictionary<ulong, int>();
        var seenFirst = new bool[count];
        for (int index = 0; index < count; index++)
        {
            if (byIndex[index] is not { } entry)
            {
                continue;
            }

            seenFirst[index] = true;
            if (entry.Memo is { } memo)
            {
                kinds[index] = MemoKind;
                fingerprints[index] = memo.Fingerprint;
                if (!codeOf.TryGetValue(memo.CodeFingerprint, out int code))
                {
                    code = codes.Count;
                    codes.Add(memo.CodeFingerprint);
                    codeOf.Add(memo.CodeFingerprint, code);
                }

                codeIndex[index] = code;
            }
            else
            {
                kinds[index] = InputKind;
                fingerprints[index] = entry.Input!.Fingerprint;
            }
        }

        // Placeholders take the fingerprint their first reader saw; edges in entry order.
        var edgeStart = new int[count + 1];
        var edges = new List<int>(edgeCount);
        int edgeCursor = 0;
        var observedEdge = new List<int>();
        var observed = new List<Fingerprint128>();
        var statEntry = new List<int>();
        var stats = new List<long>();
        var valueEntry = new List<int>();
        var values = new List<int>();
        for (int index = 0; index < count; index++)
        {
            if (byIndex[index] is { } entry)
            {
                if (entry.Memo is { } memo)
                {
                    foreach (StoredDependency dependency in memo.Dependencies)
                    {
                        int target = edgeIndices[edgeCursor++];
                        if (!seenFirst[target])
                        {
                            seenFirst[target] = true;
                            fingerprints[target] = dependency.Fingerprint;
                        }

                        if (fingerprints[target] != dependency.Fingerprint)
                        {
                            observedEdge.Add(edges.Count);
                            observed.Add(dependency.Fingerprint);
                        }

                        edges.Add(dependency.Failed ? target | int.MinValue : target);
                    }
                }
                else if (entry.Input!.Stat is { } stat)
                {
                    statEntry.Add(index);
                    stats.Add(stat.Length);
                    stats.Add(stat.ModifiedNs);
                    stats.Add(stat.ChangedNs);
                    stats.Add(unchecked((long)stat.Inode));
                    stats.Add(unchecked((long)stat.Device));
                }

                if (entry.Value is { } value)
                {
                    valueEntry.Add(index);
                    values.Add(value.Chunk);
                    values.Add(value.Offset);
                    values.Add(value.Length);
                }
            }

            edgeStart[index + 1] = edges.Count;
        }

        byte[][] deletedUtf8 = new byte[deleted.Count][];
        var deletedStart = new int[deleted.Count + 1];
        for (int i = 0; i < deletedUtf8.Length; i++)
        {
            deletedUtf8[i] = Encoding.UTF8.GetBytes(deleted[i]);
            deletedStart[i + 1] = deletedStart[i] + deletedUtf8[i].Length;
        }

        (int[] keyStart, byte[] keyBytes, int[] slots) = keys.Build();
        var writer = new Writer(Writer.Size(
            4L * keyStart.Length, keyBytes.Length, 4L * slots.Length, count, 16L * count, 8L * codes.Count, 4L * count, 4L * edgeStart.Length,
            4L * edges.Count, 4L * observedEdge.Count, 16L * observed.Count, 4L * statEntry.Count, 8L * stats.Count, 4L * valueEntry.Count,
            4L * values.Count, 4L * deletedStart.Length, deletedStart[^1]));
        writer.Header(count, edges.Count, codes.Count, observed.Count, statEntry.Count, valueEntry.Count, deleted.Count, keyBytes.Length, slots.Length);
        writer.Array<int>(keyStart);
        writer.Array<byte>(keyBytes);
        writer.Array<int>(slots);
        writer.Array<byte>(kinds);
        writer.Array<Fingerprint128>(fingerprints);
        writer.Array<ulong>(CollectionsMarshal.AsSpan(codes));
        writer.Array<int>(codeIndex);
        writer.Array<int>(edgeStart);
        writer.Array<int>(CollectionsMarshal.AsSpan(edges));
        writer.Array<int>(CollectionsMarshal.AsSpan(observedEdge));
        writer.Array<Fingerprint128>(CollectionsMarshal.AsSpan(observed));
        writer.Array<int>(CollectionsMarshal.AsSpan(statEntry));
        writer.Array<long>(CollectionsMarshal.AsSpan(stats));
        writer.Array<int>(CollectionsMarshal.AsSpan(valueEntry));
        writer.Array<int>(CollectionsMarshal.AsSpan(values));
        writer.Array<int>(deletedStart);
        writer.Concatenated(deletedUtf8);
        return writer.ToArray();
    }

    private static void CheckOffsets(ReadOnlySpan<int> starts, int length)
    {
        if (starts[0] != 0 || starts[^1] != length)
        {
            throw Damaged();
        }

        for (int i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1])
            {
                throw Damaged();
            }
        }
    }

    private static void CheckSorted(int[] indices, int bound)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= bound || (i > 0 && indices[i] <= indices[i - 1]))
            {
                throw Damaged();
            }
        }
    }

    private static FormatException Damaged() => new("the trace's graph is damaged");

    /// <summary>Gives each distinct key an index, in the order first seen, and builds the
    /// image's key section: the UTF-8 bytes and the hash index over them.</summary>
    private sealed class KeyIndexer(int capacity)
    {
        private readonly Dictionary<string, int> _byReference = new(capacity, ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, int> _byContent = new(capacity, StringComparer.Ordinal);
        private readonly List<string> _keys = new(capacity);

        public int Count => _keys.Count;

        public int IndexOf(string key)
        {
            if (_byReference.TryGetValue(key, out int index))
            {
                return index;
            }

            if (!_byContent.TryGetValue(key, out index))
            {
                index = _keys.Count;
                _keys.Add(key);
                _byContent.Add(key, index);
            }

            _byReference.Add(key, index);
            return index;
        }

        public (int[] KeyStart, byte[] KeyBytes, int[] Slots) Build()
        {
            var keyStart = new int[_keys.Count + 1];
            for (int i = 0; i < _keys.Count; i++)
            {
                keyStart[i + 1] = checked(keyStart[i] + Encoding.UTF8.GetByteCount(_keys[i]));
            }

            var keyBytes = new byte[keyStart[^1]];
            var slots = new int[Math.Max(2, (int)BitOperations.RoundUpToPowerOf2((uint)(2 * _keys.Count) + 1))];
            int mask = slots.Length - 1;
            for (int i = 0; i < _keys.Count; i++)
            {
                Span<byte> bytes = keyBytes.AsSpan(keyStart[i], keyStart[i + 1] - keyStart[i]);
                Encoding.UTF8.GetBytes(_keys[i], bytes);
                int slot = (int)XxHash3.HashToUInt64(bytes) & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = i + 1;
            }

            return (keyStart, keyBytes, slots);
        }
    }

    private ref struct Reader
    {
        private readonly byte[] _bytes;
        private int _position;

        public Reader(byte[] bytes)
        {
            _bytes = bytes;
            if (bytes.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            {
                throw Damaged();
            }

            ReadOnlySpan<int> header = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(4, HeaderSize - 4));
            foreach (int size in header)
            {
                if (size < 0)
                {
                    throw Damaged();
                }
            }

            (Count, Edges, Codes, Exceptions, Stats, Values, Deleted, KeyBytes, Slots) = (header[0], header[1], header[2], header[3], header[4], header[5], header[6], header[7], header[8]);
            _position = HeaderSize;
        }

        public int Count { get; }

        public int Edges { get; }

        public int Codes { get; }

        public int Exceptions { get; }

        public int Stats { get; }

        public int Values { get; }

        public int Deleted { get; }

        public int KeyBytes { get; }

        public int Slots { get; }

        public T[] Array<T>(int count)
            where T : unmanaged
        {
            int size = checked(count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
            if (size > _bytes.Length - _position)
            {
                throw Damaged();
            }

            T[] result = MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(_position, size)).ToArray();
            _position += Padded(size);
            return result;
        }

        /// <summary>A section read in place (see <see cref="Section{T}"/>).</summary>
        public Section<T> View<T>(int count)
            where T : unmanaged
        {
            int size = checked(count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
            if (size > _bytes.Length - _position)
            {
                throw Damaged();
            }

            var section = new Section<T>(_bytes, _position, count);
            _position += Padded(size);
            return section;
        }

        public int[] Ints(int count) => Array<int>(count);

        public byte[] Bytes(int count) => Array<byte>(count);
    }

    /// <summary>Writes the image into one array of its exact size (no growing buffer to copy
    /// out of: a cold build's image is tens of megabytes).</summary>
    private sealed class Writer(int size)
    {
        private readonly byte[] _bytes = new byte[size];
        private int _position;

        /// <summary>The size of an image whose sections hold <paramref name="sections"/> bytes.</summary>
        public static int Size(params ReadOnlySpan<long> sections)
        {
            long size = HeaderSize;
            foreach (long section in sections)
            {
                size += Padded(checked((int)section));
            }

            return checked((int)size);
        }

        public void Header(params ReadOnlySpan<int> sizes)
        {
            Span<byte> header = _bytes.AsSpan(0, HeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            MemoryMarshal.Cast<int, byte>(sizes).CopyTo(header[4..]);
            _position = HeaderSize;
        }

        public void Array<T>(ReadOnlySpan<T> items)
            where T : unmanaged
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(items);
            bytes.CopyTo(_bytes.AsSpan(_position));
            _position += Padded(bytes.Length); // the padding is the new array's zeros
        }

        public void Concatenated(byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(_bytes, _position + length);
                length += part.Length;
            }

            _position += Padded(length);
        }

        public byte[] ToArray() => _position == _bytes.Length ? _bytes : throw new InvalidOperationException("the image's size was computed wrong");
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
