namespace Adaptive.Core;

/// <summary>
/// Built-in codecs (strings, byte arrays, primitives) and combinators for collections and
/// records of them:
/// <code>
/// IValueCodec&lt;Link&gt; link = Codec.Record(Codec.String, Codec.String, (Link l) =&gt; (l.Url, l.Title), t =&gt; new Link(t.Item1, t.Item2));
/// IValueCodec&lt;IReadOnlyList&lt;Link&gt;&gt; links = Codec.List(link);
/// </code>
/// </summary>
public static class Codec
{
    /// <summary>Strings (null allowed), as UTF-8.</summary>
    public static IValueCodec<string> String { get; } = new StringCodec();

    /// <summary>Byte arrays.</summary>
    public static IValueCodec<byte[]> Bytes { get; } = new BytesCodec();

    /// <summary>32-bit integers.</summary>
    public static IValueCodec<int> Int32 { get; } = new Int32Codec();

    /// <summary>64-bit integers.</summary>
    public static IValueCodec<long> Int64 { get; } = new Int64Codec();

    /// <summary>Doubles (bit-exact).</summary>
    public static IValueCodec<double> Double { get; } = new DoubleCodec();

    /// <summary>Booleans.</summary>
    public static IValueCodec<bool> Boolean { get; } = new BooleanCodec();

    /// <summary>Date-times with offset (ticks and offset minutes).</summary>
    public static IValueCodec<DateTimeOffset> DateTimeOffset { get; } = new DateTimeOffsetCodec();

    /// <summary>The built-in codec for <typeparamref name="T"/>, or null when there is none.</summary>
    public static IValueCodec<T>? Default<T>() => (typeof(T) == typeof(string) ? String
        : typeof(T) == typeof(byte[]) ? Bytes
        : typeof(T) == typeof(int) ? Int32
        : typeof(T) == typeof(long) ? Int64
        : typeof(T) == typeof(double) ? Double
        : typeof(T) == typeof(bool) ? Boolean
        : typeof(T) == typeof(DateTimeOffset) ? DateTimeOffset
        : (object?)null) as IValueCodec<T>;

    /// <summary>Lists of <paramref name="item"/> (read back as an array).</summary>
    public static IValueCodec<IReadOnlyList<T>> List<T>(IValueCodec<T> item) => new ListCodec<T>(item);

    /// <summary>Dictionaries, written in key order (so equal dictionaries encode equally).</summary>
    public static IValueCodec<IReadOnlyDictionary<TKey, TValue>> Dictionary<TKey, TValue>(IValueCodec<TKey> key, IValueCodec<TValue> value)
        where TKey : notnull => new DictionaryCodec<TKey, TValue>(key, value);

    /// <summary>Nullable values of <paramref name="value"/>'s type.</summary>
    public static IValueCodec<T?> Nullable<T>(IValueCodec<T> value)
        where T : struct => new NullableCodec<T>(value);

    /// <summary>A reference type's values or null (a record codec alone refuses null).</summary>
    public static IValueCodec<T> OrNull<T>(IValueCodec<T> value)
        where T : class => new OrNullCodec<T>(value);

    /// <summary>A record of two fields: how to take it apart and put it back together.</summary>
    public static IValueCodec<T> Record<T, T1, T2>(IValueCodec<T1> first, IValueCodec<T2> second, Func<T, (T1, T2)> split, Func<(T1, T2), T> join) =>
        new RecordCodec<T, (T1, T2)>(new PairCodec<T1, T2>(first, second), split, join);

    /// <summary>A record of three fields.</summary>
    public static IValueCodec<T> Record<T, T1, T2, T3>(
        IValueCodec<T1> first, IValueCodec<T2> second, IValueCodec<T3> third, Func<T, (T1, T2, T3)> split, Func<(T1, T2, T3), T> join) =>
        new RecordCodec<T, (T1, (T2, T3))>(
            new PairCodec<T1, (T2, T3)>(first, new PairCodec<T2, T3>(second, third)),
            v => split(v) is var (a, b, c) ? (a, (b, c)) : default,
            t => join((t.Item1, t.Item2.Item1, t.Item2.Item2)));

    /// <summary>Any value System.Text.Json can round-trip (records of strings, numbers, dates,
    /// lists, maps), as UTF-8 JSON. Deterministic as long as the type's members and collections
    /// are (declaration order; give dictionaries a stable order, or a converter).</summary>
    /// <param name="options">Serializer options, e.g. with converters for the type's collections.</param>
    public static IValueCodec<T> Json<T>(System.Text.Json.JsonSerializerOptions? options = null) => new JsonCodec<T>(options);

    /// <summary>A value encoded through another representation (an enum as its number, a
    /// wrapper as its content).</summary>
    public static IValueCodec<T> Map<T, TEncoded>(IValueCodec<TEncoded> encoded, Func<T, TEncoded> to, Func<TEncoded, T> from) =>
        new RecordCodec<T, TEncoded>(encoded, to, from);

    /// <summary>
    /// Persists only the fingerprint of values encoded with <paramref name="codec"/>, not the
    /// values: for large results that are cheap to compute again or already stored elsewhere
    /// (rendered pages, output bytes). A new process still adopts such a memo (verification
    /// needs fingerprints only); when something reads its value, it executes again from the
    /// stored dependencies and gets the same fingerprint, so its dependents stay valid.
    /// </summary>
    public static IValueCodec<T> FingerprintOnly<T>(IValueCodec<T> codec) =>
        codec is FingerprintOnlyCodec<T> ? codec : new FingerprintOnlyCodec<T>(codec);

    private sealed class StringCodec : IValueCodec<string>
    {
        public void Write(string value, ValueWriter writer) => writer.WriteString(value);

        public string Read(ref ValueReader reader) => reader.ReadString()!;
    }

    private sealed class BytesCodec : IValueCodec<byte[]>
    {
        public void Write(byte[] value, ValueWriter writer) => writer.WriteBytes(value);

        public byte[] Read(ref ValueReader reader) => reader.ReadBytes();
    }

    private sealed class Int32Codec : IValueCodec<int>
    {
        public void Write(int value, ValueWriter writer) => writer.WriteInt32(value);

        public int Read(ref ValueReader reader) => reader.ReadInt32();
    }

    private sealed class Int64Codec : IValueCodec<long>
    {
        public void Write(long value, ValueWriter writer) => writer.WriteInt64(value);

        public long Read(ref ValueReader reader) => reader.ReadInt64();
    }

    private sealed class DoubleCodec : IValueCodec<double>
    {
        public void Write(double value, ValueWriter writer) => writer.WriteDouble(value);

        public double Read(ref ValueReader reader) => reader.ReadDouble();
    }

    private sealed class BooleanCodec : IValueCodec<bool>
    {
        public void Write(bool value, ValueWriter writer) => writer.WriteByte(value ? (byte)1 : (byte)0);

        public bool Read(ref ValueReader reader) => reader.ReadByte() switch
        {
            0 => false,
            1 => true,
            _ => throw new FormatException("Malformed encoded value: bad boolean."),
        };
    }

    private sealed class DateTimeOffsetCodec : IValueCodec<DateTimeOffset>
    {
        public void Write(DateTimeOffset value, ValueWriter writer)
        {
            writer.WriteInt64(value.Ticks);
            writer.WriteInt32((int)value.Offset.TotalMinutes);
        }

        public DateTimeOffset Read(ref ValueReader reader)
        {
            long ticks = reader.ReadInt64();
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(reader.ReadInt32()));
        }
    }

    private sealed class ListCodec<T>(IValueCodec<T> item) : IValueCodec<IReadOnlyList<T>>
    {
        public void Write(IReadOnlyList<T> value, ValueWriter writer)
        {
            writer.WriteLength(value.Count);
            for (int i = 0; i < value.Count; i++)
            {
                item.Write(value[i], writer);
            }
        }

        public IReadOnlyList<T> Read(ref ValueReader reader)
        {
            var items = new T[reader.ReadLength()];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = item.Read(ref reader);
            }

            return items;
        }
    }

    private sealed class DictionaryCodec<TKey, TValue>(IValueCodec<TKey> key, IValueCodec<TValue> value) : IValueCodec<IReadOnlyDictionary<TKey, TValue>>
        where TKey : notnull
    {
        public void Write(IReadOnlyDictionary<TKey, TValue> dictionary, ValueWriter writer)
        {
            // Sort by encoded key bytes: deterministic whatever the dictionary's order or key type.
            var entries = new List<(byte[] Key, TValue Value)>(dictionary.Count);
            foreach (KeyValuePair<TKey, TValue> entry in dictionary)
            {
                var keyWriter = new ValueWriter();
                key.Write(entry.Key, keyWriter);
                entries.Add((keyWriter.ToArray(), entry.Value));
            }

            entries.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
            writer.WriteLength(entries.Count);
            foreach ((byte[] encodedKey, TValue entryValue) in entries)
            {
                writer.WriteBytes(encodedKey);
                value.Write(entryValue, writer);
            }
        }

        public IReadOnlyDictionary<TKey, TValue> Read(ref ValueReader reader)
        {
            int count = reader.ReadLength();
            var result = new Dictionary<TKey, TValue>(count);
            for (int i = 0; i < count; i++)
            {
                var keyReader = new ValueReader(reader.ReadBytes());
                TKey k = key.Read(ref keyReader);
                result[k] = value.Read(ref reader);
            }

            return result;
        }
    }

    private sealed class OrNullCodec<T>(IValueCodec<T> value) : IValueCodec<T>
        where T : class
    {
        public void Write(T item, ValueWriter writer)
        {
            writer.WriteByte(item is null ? (byte)0 : (byte)1);
            if (item is not null)
            {
                value.Write(item, writer);
            }
        }

        public T Read(ref ValueReader reader) => reader.ReadByte() == 0 ? null! : value.Read(ref reader);
    }

    private sealed class NullableCodec<T>(IValueCodec<T> value) : IValueCodec<T?>
        where T : struct
    {
        public void Write(T? item, ValueWriter writer)
        {
            writer.WriteByte(item.HasValue ? (byte)1 : (byte)0);
            if (item.HasValue)
            {
                value.Write(item.Value, writer);
            }
        }

        public T? Read(ref ValueReader reader) => reader.ReadByte() == 0 ? null : value.Read(ref reader);
    }

    private sealed class PairCodec<T1, T2>(IValueCodec<T1> first, IValueCodec<T2> second) : IValueCodec<(T1, T2)>
    {
        public void Write((T1, T2) value, ValueWriter writer)
        {
            first.Write(value.Item1, writer);
            second.Write(value.Item2, writer);
        }

        public (T1, T2) Read(ref ValueReader reader)
        {
            T1 a = first.Read(ref reader);
            return (a, second.Read(ref reader));
        }
    }

    private sealed class JsonCodec<T>(System.Text.Json.JsonSerializerOptions? options) : IValueCodec<T>
    {
        public void Write(T value, ValueWriter writer) =>
            writer.WriteBytes(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, options));

        public T Read(ref ValueReader reader)
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<T>(reader.ReadBytes(), options)!;
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new FormatException("Malformed encoded value: " + ex.Message, ex);
            }
        }
    }

    private sealed class RecordCodec<T, TParts>(IValueCodec<TParts> parts, Func<T, TParts> split, Func<TParts, T> join) : IValueCodec<T>
    {
        public void Write(T value, ValueWriter writer) => parts.Write(split(value), writer);

        public T Read(ref ValueReader reader) => join(parts.Read(ref reader));
    }

    private sealed class FingerprintOnlyCodec<T>(IValueCodec<T> codec) : IValueCodec<T>, IFingerprintOnlyCodec
    {
        public void Write(T value, ValueWriter writer) => codec.Write(value, writer);

        public T Read(ref ValueReader reader) => codec.Read(ref reader);
    }
}

/// <summary>Marks a codec whose values the trace does not keep (<see cref="Codec.FingerprintOnly"/>).</summary>
internal interface IFingerprintOnlyCodec;
