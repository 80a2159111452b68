using System.Collections;

namespace Adaptive.Site;

/// <summary>
/// A page as templates see it: a read-only dictionary whose fields (<c>title</c>, <c>summary</c>,
/// <c>content</c>, <c>related</c>, the page's terms per taxonomy, …) are computed from the
/// site's memos the first time a template reads them, so the rendering output records a
/// dependency on exactly the fields it used. Fields set by the caller (a list page's own
/// <c>url</c>) take precedence.
/// </summary>
internal sealed class PageView : IDictionary<string, object?>
{
    private static readonly string[] s_listFields = SiteLogic.PageListFields;
    private static readonly string[] s_pageFields = SiteLogic.PageContentFields;

    private readonly SiteLogic _site;
    private readonly string _source;
    private readonly bool _withContent;
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public PageView(SiteLogic site, string source, bool withContent)
    {
        _site = site;
        _source = source;
        _withContent = withContent;
    }

    public ICollection<string> Keys
    {
        get
        {
            var keys = new SortedSet<string>(StringComparer.Ordinal);
            keys.UnionWith(s_listFields);
            if (_withContent)
            {
                keys.UnionWith(s_pageFields);
                keys.UnionWith(_site.Get(SiteLogic.Config).Taxonomies);
            }

            keys.UnionWith(_values.Keys);
            return [.. keys];
        }
    }

    public ICollection<object?> Values => [.. Keys.Select(key => this[key])];

    public int Count => Keys.Count;

    public bool IsReadOnly => false;

    public object? this[string key]
    {
        get => TryGetValue(key, out object? value) ? value : null;
        set => _values[key] = value;
    }

    public bool ContainsKey(string key) =>
        _values.ContainsKey(key) || Array.IndexOf(s_listFields, key) >= 0
        || (_withContent && (Array.IndexOf(s_pageFields, key) >= 0 || _site.Get(SiteLogic.Config).Taxonomies.Contains(key)));

    public bool TryGetValue(string key, out object? value)
    {
        if (_values.TryGetValue(key, out value))
        {
            return true;
        }

        if (!ContainsKey(key))
        {
            value = null;
            return false;
        }

        value = _site.PageField(_source, key);
        _values[key] = value;
        return true;
    }

    public void Add(string key, object? value) => _values.Add(key, value);

    public void Add(KeyValuePair<string, object?> item) => _values.Add(item.Key, item.Value);

    public bool Remove(string key) => throw new NotSupportedException("a page's fields cannot be removed");

    public bool Remove(KeyValuePair<string, object?> item) => throw new NotSupportedException("a page's fields cannot be removed");

    public void Clear() => throw new NotSupportedException("a page's fields cannot be removed");

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
        foreach (string key in Keys)
        {
            yield return new(key, this[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
