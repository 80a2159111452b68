using System.Globalization;

namespace Adaptive.Bench.Corpus;

/// <summary>
/// A kind of edit made to a generated site (<see cref="CorpusGenerator"/>), and how to undo it:
/// what <c>adapt bench</c> measures, and what the tests that compare a new process with a live
/// one replay. Applying and reverting read the file as it is, so the same edit object works on
/// every copy of the site.
/// </summary>
public sealed class CorpusEdit
{
    private readonly Dictionary<string, string?> _originals = new(StringComparer.Ordinal);
    private readonly Func<string, string, string?> _change;
    private readonly string _file;

    private CorpusEdit(string name, Func<string, string, string?> change, string file)
    {
        Name = name;
        _change = change;
        _file = file;
    }

    /// <summary>The edit kind (<c>body edit</c>, <c>tag added</c>, …).</summary>
    public string Name { get; }

    /// <summary>Every edit kind for <paramref name="corpus"/>, in the benchmark's report order.</summary>
    public static IReadOnlyList<CorpusEdit> For(CorpusInfo corpus) =>
    [
        new("body edit", static (_, text) => text + "\nAn edited closing paragraph, with a few more words.\n", corpus.EditPage),
        new("title edit", static (_, text) => ReplaceLine(text, "title:", "title: \"An edited title\""), corpus.EditPage),
        new("tag added", static (_, text) => AddTag(text), corpus.EditPage),
        new("tag removed", static (_, text) => RemoveTag(text), corpus.EditPage),
        new("template edit", static (_, text) => text + "<!-- edited layout -->\n", corpus.SectionLayout),
        new("partial edit", static (_, text) => text.Replace("</footer>", "<!-- edited partial --></footer>", StringComparison.Ordinal), corpus.Partial),
        new("data file edit", static (_, text) => text.Replace("motto: Generated for benchmarks", "motto: Edited for benchmarks", StringComparison.Ordinal), corpus.DataFile),
        new("config edit", static (_, text) => text.Replace("description: A generated", "description: An edited", StringComparison.Ordinal), "adapt.yaml"),
        new("page added", static (_, _) => "---\ntitle: \"An added page\"\ntags: [added]\n---\nA page the benchmark adds.\n", corpus.NewPage),
        new("page deleted", static (_, _) => null, corpus.DeletePage),
    ];

    /// <summary>Changes the file in <paramref name="site"/>, remembering its content.</summary>
    public void Apply(string site)
    {
        string full = Path.Combine(site, _file);
        string? original = File.Exists(full) ? File.ReadAllText(full) : null;
        _originals[site] = original;
        string? changed = _change(_file, original ?? string.Empty);
        if (changed is null)
        {
            File.Delete(full);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, changed);
        }
    }

    /// <summary>Restores what <see cref="Apply"/> changed.</summary>
    public void Revert(string site)
    {
        string full = Path.Combine(site, _file);
        if (_originals.Remove(site, out string? original) && original is not null)
        {
            File.WriteAllText(full, original);
        }
        else
        {
            File.Delete(full);
        }
    }

    private static string ReplaceLine(string text, string prefix, string line)
    {
        string[] lines = text.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        lines[at] = line;
        return string.Join('\n', lines);
    }

    private static string AddTag(string text)
    {
        string[] lines = text.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith("tags: [", StringComparison.Ordinal));
        lines[at] = "tags: [benchmark-added, " + lines[at]["tags: [".Length..];
        return string.Join('\n', lines);
    }

    private static string RemoveTag(string text)
    {
        string[] lines = text.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith("tags: [", StringComparison.Ordinal));
        string[] tags = lines[at]["tags: [".Length..].TrimEnd(']').Split(", ");
        lines[at] = "tags: [" + string.Join(", ", tags.Skip(1)) + "]";
        return string.Join('\n', lines);
    }

    /// <inheritdoc/>
    public override string ToString() => Name.ToString(CultureInfo.InvariantCulture);
}
