using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Site.Tests;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances for <see cref="FrontMatterProperties"/>:
/// valid entries of every shape (blank lines, comments, plain, quoted and block scalars, flow and
/// block collections, brackets where they mean nothing), and one error, typed or syntactic.</summary>
public static class FrontMatterArbitrary
{
    /// <summary>Valid entries; {0} is a key unique in the page.</summary>
    private static readonly string[] s_valid =
    [
        "\n",
        "# a note: [not, yaml\n",
        "{0}: plain text\n",
        "{0}: [a, b]\n",
        "{0}:\n  - a\n  - \"b [c\"\n",
        "{0}: |\n  line one\n  line [two\n",
        "{0}: >-\n  folded {{ text\n  more\n",
        "{0}:\n  x: 1\n  y: 'two'\n",
        "{0}: 'quoted: # not a comment [x'\n",
        "{0}: \"escaped \\\" [ quote\"\n",
        "{0}: value # comment {{\n",
    ];

    /// <summary>Errors: the entry, where in it the problem is, and what the diagnostic says.</summary>
    private static readonly (string Entry, string Marker, string Message)[] s_errors =
    [
        ("date: someday\n", "someday", "'date' is not a date"),
        ("weight: heavy\n", "heavy", "'weight' must be a whole number"),
        ("draft: maybe\n", "maybe", "'draft' must be true or false"),
        ("tags: 5\n", "5", "'tags' must be a list of strings"),
        ("title: [a, b]\n", "[", "'title' must be a single value"),
        ("slug: {a: 1}\n", "{", "'slug' must be a single value"),
        ("params: 5\n", "5", "'params' must be a mapping"),
        ("menu: { main: { color: red } }\n", "red", "unknown menu field 'color'"),
        ("menu:\n  main:\n    weight: heavy\n", "heavy", "'weight' must be a whole number"),
        ("key: value: more\n", ": more", "invalid YAML"),
        ("title: ]\n", "]", "invalid YAML"),
        ("title: @at\n", "@", "invalid YAML"),
        ("tags: [go, web\n", "[", "a '[' is not closed"),
        ("menu: {main: {weight: 1}\n", "{", "a '{' is not closed"),
    ];

    /// <summary>A page whose front matter holds one error among valid entries.</summary>
    public static Arbitrary<FrontMatterCase> Pages() =>
        (from before in Gen.ListOf(Gen.Elements(s_valid))
         from error in Gen.Elements(s_errors)
         from after in Gen.ListOf(Gen.Elements(s_valid))
         from crlf in Gen.Elements(false, true)
         from bom in Gen.Elements(false, true)
         select new FrontMatterCase(Entries(before, 0), error.Entry, error.Marker, error.Message, Entries(after, before.Count), crlf, bom))
        .ToArbitrary();

    private static string Entries(IEnumerable<string> entries, int firstKey) =>
        string.Concat(entries.Select((entry, i) => string.Format(CultureInfo.InvariantCulture, entry, "p" + (firstKey + i).ToString(CultureInfo.InvariantCulture))));
}
