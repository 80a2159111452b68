namespace Adaptive.Core;

/// <summary>A dependency as stored: the node's stable key and what the dependent observed.</summary>
/// <param name="Key">The dependency's stable key.</param>
/// <param name="Fingerprint">The fingerprint of the value the dependent read.</param>
/// <param name="Failed">True when the dependent read a cached exception.</param>
public readonly record struct StoredDependency(string Key, Fingerprint128 Fingerprint, bool Failed);

/// <summary>A persisted memo result (its value is read separately, on demand).</summary>
/// <param name="Key">The memo's stable key (its name; for keyed memos including the encoded key).</param>
/// <param name="CodeFingerprint">The memo's code fingerprint when it was computed.</param>
/// <param name="Fingerprint">The fingerprint of its value.</param>
/// <param name="Dependencies">What it read, in order.</param>
public sealed record StoredMemo(string Key, ulong CodeFingerprint, Fingerprint128 Fingerprint, IReadOnlyList<StoredDependency> Dependencies);

/// <summary>A persisted input: its fingerprint, and for files the stat that lets a new process
/// skip hashing an unchanged file.</summary>
/// <param name="Key">The input's stable key.</param>
/// <param name="Fingerprint">The fingerprint of its value (a file's content).</param>
/// <param name="Stat">For files: the stat that vouches for that content (null: hash it).</param>
public sealed record StoredInput(string Key, Fingerprint128 Fingerprint, FileStat? Stat = null);

/// <summary>
/// Everything a store holds, except values: a base image (columnar, decoded entry by entry
/// when asked for, see <see cref="TraceImage"/>) and the entries set or removed on top of it.
/// Looking up a key is a binary search; nothing is materialized for entries nobody asks for.
/// Lookups may run on many threads at once; changes only while no lookup runs (a save).
/// </summary>
public sealed class TraceSnapshot
{
    private readonly TraceImage? _image;
    private readonly Dictionary<string, object?> _overlay = new(StringComparer.Ordinal); // StoredMemo, StoredInput, or null: removed
    private readonly object?[] _decoded = []; // base entries decoded so far (threads may race: they decode equal records)
    private readonly bool[] _overridden = []; // base entries set or removed on top of the base

    /// <summary>An empty snapshot (a cold start).</summary>
    public TraceSnapshot()
    {
    }

    internal TraceSnapshot(TraceImage image)
    {
        _image = image;
        _decoded = new object?[image.Count];
        _overridden = new bool[image.Count];
    }

    /// <summary>An empty snapshot (a cold start).</summary>
    public static TraceSnapshot Empty => new();

    /// <summary>True when it holds no entry (a cold start); false as soon as it holds one.</summary>
    public bool IsEmpty => (_image is null || _image.Count == 0) && _overlay.Count == 0;

    /// <summary>The stored memo with <paramref name="key"/>, or null.</summary>
    public StoredMemo? Memo(string key) => Find(key) as StoredMemo;

    /// <summary>The stored input with <paramref name="key"/>, or null.</summary>
    public StoredInput? Input(string key) => Find(key) as StoredInput;

    /// <summary>Stores (or replaces) a memo.</summary>
    public void Set(StoredMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        _overlay[memo.Key] = memo;
        Override(memo.Key);
    }

    /// <summary>Stores (or replaces) an input.</summary>
    public void Set(StoredInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _overlay[input.Key] = input;
        Override(input.Key);
    }

    /// <summary>Removes the memo or input with <paramref name="key"/>; false when there was none.</summary>
    public bool Remove(string key)
    {
        bool had = Find(key) is not null;
        if (had)
        {
            _overlay[key] = null;
            Override(key);
        }

        return had;
    }

    /// <summary>The keys of every stored memo and input.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            if (_image is not null)
            {
                for (int i = 0; i < _image.Count; i++)
                {
                    if (_image.KindAt(i) != TraceImage.Placeholder && !_overlay.ContainsKey(_image.KeyAt(i)))
                    {
                        yield return _image.KeyAt(i);
                    }
                }
            }

            foreach ((string key, object? entry) in _overlay)
            {
                if (entry is not null)
                {
                    yield return key;
                }
            }
        }
    }

    /// <summary>Every stored memo (each decoded: for tools, not for builds).</summary>
    public IEnumerable<StoredMemo> Memos
    {
        get
        {
            foreach (string key in Keys)
            {
                if (Memo(key) is { } memo)
                {
                    yield return memo;
                }
            }
        }
    }

    /// <summary>Every stored input.</summary>
    public IEnumerable<StoredInput> Inputs
    {
        get
        {
            foreach (string key in Keys)
            {
                if (Input(key) is { } input)
                {
                    yield return input;
                }
            }
        }
    }

    /// <summary>Where the base image keeps the value of <paramref name="key"/>, when the entry
    /// was not replaced since (the store tracks values it wrote later).</summary>
    internal bool TryGetBaseValue(string key, out ValueLocation? location)
    {
        location = null;
        if (_image is null || _overlay.ContainsKey(key))
        {
            return false;
        }

        int index = _image.IndexOf(key);
        if (index >= 0)
        {
            location = _image.ValueAt(index);
        }

        return true;
    }

    /// <summary>The base image (null: none), for walking the stored graph by index.</summary>
    internal TraceImage? Image => _image;

    /// <summary>The index of <paramref name="key"/> in the base image when the entry there is
    /// still the current one (not set or removed since); otherwise -1.</summary>
    internal int BaseIndexOf(string key)
    {
        if (_image is null)
        {
            return -1;
        }

        int index = _image.IndexOf(key);
        return index >= 0 && !_overridden[index] ? index : -1;
    }

    /// <summary>The keys of entries set since the base was written (not removed).</summary>
    internal IEnumerable<string> ReplacedKeys
    {
        get
        {
            foreach ((string key, object? entry) in _overlay)
            {
                if (entry is not null)
                {
                    yield return key;
                }
            }
        }
    }

    /// <summary>True when base entry <paramref name="index"/> was set or removed since the base was written.</summary>
    internal bool IsOverridden(int index) => _overridden[index];

    private void Override(string key)
    {
        if (_image is not null && _image.IndexOf(key) is >= 0 and int index)
        {
            _overridden[index] = true;
        }
    }

    private object? Find(string key)
    {
        if (_overlay.TryGetValue(key, out object? entry))
        {
            return entry;
        }

        if (_image is null)
        {
            return null;
        }

        int index = _image.IndexOf(key);
        if (index < 0)
        {
            return null;
        }

        // Decoded once: a memo is asked for when it is adopted, and again by the save's diff.
        return Volatile.Read(ref _decoded[index]) ?? (_decoded[index] = _image.KindAt(index) switch
        {
            TraceImage.MemoKind => _image.MemoAt(index),
            TraceImage.InputKind => _image.InputAt(index),
            _ => null,
        });
    }
}

/// <summary>What a save writes: entries to insert or replace, and keys to delete.</summary>
public sealed class TraceChanges
{
    /// <summary>Memos to store, with their encoded values (null: only the fingerprint is kept,
    /// see <see cref="Codec.FingerprintOnly"/>).</summary>
    public List<(StoredMemo Memo, byte[]? Value)> Memos { get; } = [];

    /// <summary>Inputs to store.</summary>
    public List<StoredInput> Inputs { get; } = [];

    /// <summary>Keys of memos and inputs to delete (unreachable or invalid entries).</summary>
    public List<string> Deleted { get; } = [];

    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty => Memos.Count == 0 && Inputs.Count == 0 && Deleted.Count == 0;
}
