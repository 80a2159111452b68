using Adaptive.Testing;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>
/// <see cref="KeyText{TKey}"/>, how a memo table key is written into a stable key of the trace:
/// for every supported key type (strings, ints, longs, and pairs and triples of them) the text
/// reads back to the same key, and two different keys never share a text — a shared text would
/// let one key adopt the stored result of another in a new process.
/// </summary>
public sealed class KeyTextProperties
{
    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(KeyTextArbitrary) })]
    public void String_keys_read_back_and_differ_when_the_strings_differ(string a, string b) => ReadsBackAndDiffers(a, b);

    [AdaptProperty(PropertyCases.Text)]
    public void Integer_keys_read_back_and_differ_when_the_numbers_differ(int a, int b, long c, long d)
    {
        ReadsBackAndDiffers(a, b);
        ReadsBackAndDiffers(c, d);
        ReadsBackAndDiffers((long)a, c);
    }

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(KeyTextArbitrary) })]
    public void Pair_keys_read_back_and_differ_when_the_pairs_differ((string, string) a, (string, string) b, (string, int) c, (string, int) d, (long, string) e, (long, string) f)
    {
        ReadsBackAndDiffers(a, b);
        ReadsBackAndDiffers(c, d);
        ReadsBackAndDiffers(e, f);
    }

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(KeyTextArbitrary) })]
    public void Triple_keys_read_back_and_differ_when_the_triples_differ((string, int, string) a, (string, int, string) b, (string, string, string) c, (string, string, string) d)
    {
        ReadsBackAndDiffers(a, b);
        ReadsBackAndDiffers(c, d);
    }

    /// <summary>Near-collisions made on purpose: the same characters, split at another
    /// separator, are another key.</summary>
    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(KeyTextArbitrary) })]
    public void Moving_text_across_a_separator_makes_another_key(string x, string y, string z)
    {
        ReadsBackAndDiffers((x + ", " + y, z), (x, y + ", " + z));
        ReadsBackAndDiffers((x + ",", y, z), (x, "," + y, z));
        ReadsBackAndDiffers((x + "\\", y), (x, "\\" + y));
    }

    private static void ReadsBackAndDiffers<T>(T a, T b)
        where T : notnull
    {
        Assert.True(KeyText<T>.IsSupported, typeof(T).Name);
        foreach (T key in (T[])[a, b])
        {
            string text = KeyText<T>.Format(key);
            Assert.True(KeyText<T>.TryParse(text, out T parsed), $"'{text}' does not read back as a {typeof(T).Name}");
            Assert.Equal(key, parsed);
        }

        Assert.Equal(EqualityComparer<T>.Default.Equals(a, b), KeyText<T>.Format(a) == KeyText<T>.Format(b));
    }
}
