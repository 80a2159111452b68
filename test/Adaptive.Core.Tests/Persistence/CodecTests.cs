using Adaptive.Testing;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>Codecs round-trip, encode deterministically, and reject malformed bytes.</summary>
public sealed class CodecTests
{
    private sealed record Link(string Url, string? Title, int Weight);

    private static readonly IValueCodec<Link> s_link = Codec.Record(
        Codec.String, Codec.String, Codec.Int32, (Link l) => (l.Url, l.Title!, l.Weight), t => new Link(t.Item1, t.Item2, t.Item3));

    [AdaptProperty(PropertyCases.Codec)]
    public void Primitives_strings_and_bytes_round_trip((string?, int, long) first, (double, bool, byte[]) second)
    {
        (string? text, int i, long l) = first;
        (double d, bool b, byte[] bytes) = second;
        Assert.Equal(text, RoundTrip(Codec.String, text!));
        Assert.Equal(i, RoundTrip(Codec.Int32, i));
        Assert.Equal(l, RoundTrip(Codec.Int64, l));
        Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(RoundTrip(Codec.Double, d)));
        Assert.Equal(b, RoundTrip(Codec.Boolean, b));
        Assert.Equal(bytes ?? [], RoundTrip(Codec.Bytes, bytes ?? []));
    }

    [AdaptProperty(PropertyCases.Codec)]
    public void Lists_of_records_round_trip((string, string?, int)[] items)
    {
        Link[] links = [.. (items ?? []).Select(t => new Link(t.Item1 ?? string.Empty, t.Item2, t.Item3))];
        Assert.Equal(links, RoundTrip(Codec.List(s_link), links));
    }

    [Fact]
    public void Dictionaries_encode_the_same_whatever_their_insertion_order()
    {
        IValueCodec<IReadOnlyDictionary<string, int>> codec = Codec.Dictionary(Codec.String, Codec.Int32);
        var forward = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 3 };
        var backward = new Dictionary<string, int> { ["c"] = 3, ["b"] = 2, ["a"] = 1 };
        Assert.Equal(Encode(codec, forward), Encode(codec, backward));
        Assert.Equal(forward, RoundTrip(codec, backward));
        Assert.Equal(Fingerprint128.Of(forward, codec), Fingerprint128.Of(backward, codec));
    }

    [Fact]
    public void Records_or_null_round_trip_and_null_encodes_apart_from_any_record()
    {
        IValueCodec<Link> orNull = Codec.OrNull(s_link);
        Assert.Equal(new Link("/a", "A", 1), RoundTrip(orNull, new Link("/a", "A", 1)));
        Assert.Null(RoundTrip(orNull, null!));
        Assert.NotEqual(Encode(orNull, null!), Encode(orNull, new Link(string.Empty, null, 0)));
    }

    [Fact]
    public void Nullable_dates_and_mapped_values_round_trip()
    {
        var date = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(date, RoundTrip(Codec.Nullable(Codec.DateTimeOffset), date));
        Assert.Null(RoundTrip(Codec.Nullable(Codec.DateTimeOffset), null));
        IValueCodec<DayOfWeek> day = Codec.Map(Codec.Int32, (DayOfWeek d) => (int)d, n => (DayOfWeek)n);
        Assert.Equal(DayOfWeek.Friday, RoundTrip(day, DayOfWeek.Friday));
        Assert.Same(Codec.String, Codec.Default<string>());
        Assert.Null(Codec.Default<Link>());
    }

    [Fact]
    public void Json_codec_round_trips_records_and_rejects_garbage()
    {
        IValueCodec<Link> json = Codec.Json<Link>();
        var link = new Link("/a", "A \"quoted\"", 3);
        Assert.Equal(link, RoundTrip(json, link));
        Assert.Equal(Encode(json, link), Encode(json, new Link("/a", "A \"quoted\"", 3)));
        Assert.Throws<FormatException>(() =>
        {
            var writer = new ValueWriter();
            writer.WriteBytes("{not json"u8);
            var reader = new ValueReader(writer.ToArray());
            json.Read(ref reader);
        });
    }

    [Fact]
    public void Malformed_bytes_throw_format_exception()
    {
        byte[] valid = Encode(Codec.List(s_link), [new Link("/a", "A", 1), new Link("/b", null, 2)]);
        for (int length = 0; length < valid.Length; length++)
        {
            byte[] truncated = valid[..length];
            Assert.Throws<FormatException>(() =>
            {
                var reader = new ValueReader(truncated);
                Codec.List(s_link).Read(ref reader);
            });
        }
    }

    [Fact]
    public void Fingerprint_is_xxh128_and_stable()
    {
        // The reference implementation's value (xxhsum -H2 of "abc"), high half first.
        Fingerprint128 abc = Fingerprint128.Of("abc"u8);
        Assert.Equal("06b05ab6733a618578af5f94892f3950", abc.ToString());
        Assert.Equal(new Fingerprint128(0x06b05ab6733a6185, 0x78af5f94892f3950), abc);
        Assert.NotEqual(abc, Fingerprint128.Of("abd"u8));
    }

    private static byte[] Encode<T>(IValueCodec<T> codec, T value)
    {
        var writer = new ValueWriter();
        codec.Write(value, writer);
        return writer.ToArray();
    }

    private static T RoundTrip<T>(IValueCodec<T> codec, T value)
    {
        var reader = new ValueReader(Encode(codec, value));
        T result = codec.Read(ref reader);
        Assert.True(reader.AtEnd);
        return result;
    }
}
