// Decoding an image: every size and index is checked against the bytes before use, and a damaged
// image throws FormatException; the large sections stay views of the bytes (Section<T>).
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Adaptive.Core;

internal sealed partial class TraceImage
{
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
}
