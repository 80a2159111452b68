// Encoding an image: keys indexed in first-seen order, edges as indices (CSR), written into one
// array of its exact size in the layout TraceImage.cs describes.
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Adaptive.Core;

internal sealed partial class TraceImage
{
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
}
