namespace Adaptive.Site;

/// <summary>What templates see as <c>site.data</c>: each data file by name, read when a
/// template asks for it (so the page depends on that file only).</summary>
internal sealed class DataContext(SiteLogic site) : IDictionary<string, object?>
{
    public ICollection<string> Keys => [.. site.Get(SiteLogic.DataNames)];

    public ICollection<object?> Values => [.. site.Get(SiteLogic.DataNames).Select(name => TemplateValues.From(site.Get(SiteLogic.Data, name)))];

    public int Count => site.Get(SiteLogic.DataNames).Count;

    public bool IsReadOnly => true;

    public object? this[string key]
    {
        get => TryGetValue(key, out object? value) ? value : throw new KeyNotFoundException(key);
        set => throw new NotSupportedException();
    }

    public bool TryGetValue(string key, out object? value)
    {
        if (site.Get(SiteLogic.DataNames).BinarySearch(key, StringComparer.Ordinal) < 0)
        {
            value = null;
            return false;
        }

        value = TemplateValues.From(site.Get(SiteLogic.Data, key));
        return true;
    }

    public bool ContainsKey(string key) => site.Get(SiteLogic.DataNames).BinarySearch(key, StringComparer.Ordinal) >= 0;

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
        foreach (string name in site.Get(SiteLogic.DataNames))
        {
            yield return new(name, TemplateValues.From(site.Get(SiteLogic.Data, name)));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string key, object? value) => throw new NotSupportedException();

    public void Add(KeyValuePair<string, object?> item) => throw new NotSupportedException();

    public bool Remove(string key) => throw new NotSupportedException();

    public bool Remove(KeyValuePair<string, object?> item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();
}
