using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private static readonly IValueCodec<object?> s_dataCodec =
        Codec.Map<object?, ValueList<object?>>(SiteJson.Codec<ValueList<object?>>(), static value => new ValueList<object?>([value]), static list => list[0]);

    /// <summary>The names of the data files (<c>data/authors.yaml</c> → <c>authors</c>), sorted.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> DataNames { get; }

    /// <summary>The content of the data file named <paramref name="name"/> (see
    /// <see cref="DataFileParser"/>), or null when there is none. A template that reads
    /// <c>site.data.authors</c> depends on this file only.</summary>
    [Memo(Codec = nameof(s_dataCodec))]
    public partial object? Data(string name);

    /// <summary>Errors in data files: reported by every build, whether or not a template reads
    /// the file.</summary>
    [Memo(Codec = nameof(s_diagnosticsCodec))]
    public partial ValueList<SiteDiagnostic> DataProblems { get; }

    private ValueList<string> ComputeDataNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Files.Data)
        {
            names.Add(DataFileParser.NameOf(file));
        }

        return new ValueList<string>(names);
    }

    private object? ComputeData(string name)
    {
        string? found = null;
        foreach (string file in Files.Data)
        {
            if (DataFileParser.NameOf(file) != name)
            {
                continue;
            }

            if (found is not null)
            {
                throw new SiteException(new SiteDiagnostic(file, 0, 0,
                    $"two data files are named '{name}' ({found} and {file}): templates read both as site.data.{name}; rename or remove one"));
            }

            found = file;
        }

        return found is null ? null : DataFileParser.Parse(found, Text(found));
    }

    private ValueList<SiteDiagnostic> ComputeDataProblems()
    {
        var problems = new List<SiteDiagnostic>();
        foreach (string name in DataNames)
        {
            try
            {
                _ = Data(name);
            }
            catch (SiteException ex)
            {
                problems.Add(ex.Diagnostic);
            }
        }

        return new ValueList<SiteDiagnostic>(problems);
    }

    /// <summary>What templates see as <c>site.data</c>: each data file by name, read when a
    /// template asks for it (so the page depends on that file only).</summary>
    private sealed class DataContext(Site site) : IDictionary<string, object?>
    {
        public ICollection<string> Keys => [.. site.DataNames];

        public ICollection<object?> Values => [.. site.DataNames.Select(name => TemplateValues.From(site.Data(name)))];

        public int Count => site.DataNames.Count;

        public bool IsReadOnly => true;

        public object? this[string key]
        {
            get => TryGetValue(key, out object? value) ? value : throw new KeyNotFoundException(key);
            set => throw new NotSupportedException();
        }

        public bool TryGetValue(string key, out object? value)
        {
            if (site.DataNames.BinarySearch(key, StringComparer.Ordinal) < 0)
            {
                value = null;
                return false;
            }

            value = TemplateValues.From(site.Data(key));
            return true;
        }

        public bool ContainsKey(string key) => site.DataNames.BinarySearch(key, StringComparer.Ordinal) >= 0;

        public bool Contains(KeyValuePair<string, object?> item) => TryGetValue(item.Key, out object? value) && Equals(value, item.Value);

        public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex)
        {
            foreach (KeyValuePair<string, object?> entry in this)
            {
                array[arrayIndex++] = entry;
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            foreach (string name in site.DataNames)
            {
                yield return new(name, TemplateValues.From(site.Data(name)));
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Add(string key, object? value) => throw new NotSupportedException();

        public void Add(KeyValuePair<string, object?> item) => throw new NotSupportedException();

        public bool Remove(string key) => throw new NotSupportedException();

        public bool Remove(KeyValuePair<string, object?> item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();
    }
}
