using System.Collections;

namespace Adaptive.Site;

/// <summary>
/// An immutable string-keyed map compared by value, with keys in ordinal order (so iterating it
/// is deterministic, and so is any output built from it). Values are strings, numbers, booleans,
/// <see cref="ValueList{T}"/> of values, nested maps, or null — what free-form YAML holds.
/// </summary>
public sealed class ValueDictionary : IReadOnlyDictionary<string, object?>, IEquatable<ValueDictionary>
{
    private readonly SortedDictionary<string, object?> _entries;

    /// <summary>Copies <paramref name="entries"/>.</summary>
    public ValueDictionary(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        _entries = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> entry in entries)
        {
            _entries[entry.Key] = entry.Value;
        }
    }

    /// <summary>The empty map.</summary>
    public static ValueDictionary Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <inheritdoc/>
    public IEnumerable<object?> Values => _entries.Values;

    /// <inheritdoc/>
    public object? this[string key] => _entries[key];

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value) => _entries.TryGetValue(key, out value);

    /// <inheritdoc/>
    public bool Equals(ValueDictionary? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, object?> entry in _entries)
        {
            if (!other._entries.TryGetValue(entry.Key, out object? value) || !Equals(entry.Value, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValueDictionary);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (KeyValuePair<string, object?> entry in _entries)
        {
            hash.Add(entry.Key);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
