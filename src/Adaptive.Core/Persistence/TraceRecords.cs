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

/// <summary>Everything a store holds, except values.</summary>
public sealed class TraceSnapshot
{
    /// <summary>An empty snapshot (a cold start).</summary>
    public static TraceSnapshot Empty => new();

    /// <summary>Persisted memos by key.</summary>
    public Dictionary<string, StoredMemo> Memos { get; } = new(StringComparer.Ordinal);

    /// <summary>Persisted inputs by key.</summary>
    public Dictionary<string, StoredInput> Inputs { get; } = new(StringComparer.Ordinal);
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
