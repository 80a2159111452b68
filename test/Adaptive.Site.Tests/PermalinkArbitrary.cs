using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Site.Tests;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances for <see cref="PermalinkProperties"/>:
/// titles and file names from the characters that slugs and URLs treat specially (separators,
/// dots, control characters, compatibility forms, combining marks, scripts without case,
/// surrogate pairs), mixed with FsCheck's own strings.</summary>
public static class PermalinkArbitrary
{
    private static readonly string[] s_text =
    [
        "a", "B", "Post", "v1", "2", "é", "E\u0301", "ß", "İ", "ı", "ǅ", "Ⅻ", "ﬁ", "①", "Ａ", "K", "٣", "日本", "😀", "\u200b", "\u00ad",
        " ", "-", "_", ".", "..", "/", "\\", ":", "#", "?", "%", "&", "'", "\"", "!", "\n", "\r", "\t", "\0", "\u007f", "\u0085", "\u2028",
    ];

    private static readonly string[] s_url = ["/", "a", "b", "x.xml", ".", "..", "//", "-", " ", "é", "\n", "\t", ":", "\\", "?", "#"];

    private static readonly string[] s_pattern = [":year", ":month", ":day", ":section", ":slug", ":title", ":filename", "/", "posts", "-", ".", "//"];

    /// <summary>Titles: arbitrary text, mostly from the special characters.</summary>
    public static Arbitrary<string> Titles() => Text().ToArbitrary();

    /// <summary>A page in a random folder with random front matter and section pattern.</summary>
    public static Arbitrary<PermalinkCase> Pages() =>
        (from folderCount in Gen.Choose(0, 3)
         from folders in Gen.ArrayOf(Segment(), folderCount)
         from name in Gen.Frequency((6, Segment()), (1, Gen.Constant("_index")))
         from title in Optional(Text(), absent: 1, present: 2)
         from slug in Optional(Text(), absent: 1, present: 2)
         from url in Optional(Tokens(s_url, 6), absent: 4, present: 1)
         from date in Gen.Frequency((1, Gen.Constant<DateTimeOffset?>(null)), (2, Gen.Choose(1, 9999).Select(year => (DateTimeOffset?)new DateTimeOffset(year, 1 + (year % 12), 1 + (year % 28), 0, 0, 0, TimeSpan.Zero))))
         from pattern in Optional(Tokens(s_pattern, 6), absent: 3, present: 1)
         select new PermalinkCase("content/" + string.Concat(folders.Select(f => f + "/")) + name + ".md", title, slug, url, date, pattern))
        .ToArbitrary();

    private static Gen<string> Text() =>
        Gen.Frequency((3, Tokens(s_text, 8)), (1, ArbMap.Default.GeneratorFor<string>().Select(text => text ?? string.Empty)));

    /// <summary>A file or folder name: never empty, "." or "..", and without '/' or NUL (which
    /// no file system allows in a name).</summary>
    private static Gen<string> Segment() =>
        Tokens(s_text, 4).Select(text => text.Replace("/", string.Empty, StringComparison.Ordinal).Replace("\0", string.Empty, StringComparison.Ordinal))
            .Where(name => name.Length > 0 && name is not ("." or ".."));

    private static Gen<string> Tokens(string[] tokens, int max) =>
        from count in Gen.Choose(1, max)
        from parts in Gen.ArrayOf(Gen.Elements(tokens), count)
        select string.Concat(parts);

    private static Gen<string?> Optional(Gen<string> gen, int absent, int present) =>
        Gen.Frequency((absent, Gen.Constant<string?>(null)), (present, gen.Select(text => (string?)text)));
}
