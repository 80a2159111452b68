using System.Collections.Concurrent;

namespace Adaptive.Core;

/// <summary>
/// A keyed memo function: one memo per key, created on first use, each with its own recorded
/// dependencies. <c>table[key]</c> reads (and, inside an execution, depends on) the key's memo.
/// </summary>
/// <typeparam name="TKey">The argument; compared by value (or by the key comparer).</typeparam>
/// <typeparam name="TValue">The result.</typeparam>
public sealed class MemoTable<TKey, TValue> : IMemoTable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, KeyedMemo<TKey, TValue>> _memos;
    private readonly Func<TKey, TValue> _compute;
    private readonly IEqualityComparer<TValue>? _comparer;
    private readonly IValueCodec<TValue>? _codec;
    private readonly bool _eager;

    internal MemoTable(
        AdaptiveRuntime runtime,
        Func<TKey, TValue> compute,
        string? name,
        IEqualityComparer<TValue>? comparer,
        IEqualityComparer<TKey>? keyComparer,
        ulong codeFingerprint = 0,
        IValueCodec<TValue>? codec = null,
        bool persistent = true,
        bool eager = false)
    {
        _eager = eager;
        Runtime = runtime;
        CodeFingerprint = codeFingerprint;
        _compute = compute;
        _comparer = comparer;
        Name = name ?? "table";
        _memos = new ConcurrentDictionary<TKey, KeyedMemo<TKey, TValue>>(keyComparer);
        _codec = codec ?? Codec.Default<TValue>();
        if (!(persistent && name is not null && _codec is not null && KeyText<TKey>.IsSupported && runtime.HasTrace))
        {
            _codec = null;
        }
    }

    (string Name, bool Persistent) IMemoTable.Persistence => (Name, _codec is not null);

    /// <summary>The table's name; its memos are named <c>Name[key]</c>.</summary>
    public string Name { get; }

    /// <summary>The runtime the table belongs to.</summary>
    public AdaptiveRuntime Runtime { get; }

    /// <summary>A hash of the computation's code for generated tables (0 otherwise).</summary>
    internal ulong CodeFingerprint { get; }

    /// <summary>The number of keys that currently have a memo.</summary>
    public int Count => _memos.Count;

    /// <summary>The keys that currently have a memo (a snapshot).</summary>
    public ICollection<TKey> Keys => _memos.Keys;

    /// <summary>The up-to-date value for <paramref name="key"/> (see <see cref="Memo{T}.Value"/>).</summary>
    public TValue this[TKey key] => GetMemo(key).Value;

    /// <summary>The memo for <paramref name="key"/>, created if needed (not executed).</summary>
    public Memo<TValue> GetMemo(TKey key)
    {
        if (_memos.TryGetValue(key, out KeyedMemo<TKey, TValue>? memo))
        {
            return memo;
        }

        return Add(key);
    }

    /// <summary>
    /// In a runtime created for a single build (<see cref="AdaptiveRuntime.SingleBuild"/>): true
    /// when the trace proves the stored result for <paramref name="key"/> unchanged, without
    /// creating its memo; the result stays in the trace for the next process. False when it must
    /// be computed (or checked) for real — then use <see cref="GetMemo"/> — and when the memo
    /// exists already or the table is not persistent.
    /// </summary>
    public bool TryKeepStored(TKey key) =>
        _codec is not null && !_memos.ContainsKey(key) && Runtime.TryKeepGreen(PersistentKey(key), CodeFingerprint);

    /// <summary>The stable key of the memo for <paramref name="key"/> in the trace: <c>table[key]</c>.</summary>
    private string PersistentKey(TKey key) => Name + "[" + KeyText<TKey>.Format(key) + "]";

    private KeyedMemo<TKey, TValue> Add(TKey key)
    {
        var memo = new KeyedMemo<TKey, TValue>(this, key, _comparer);
        if (_eager)
        {
            memo.MakeEager();
        }

        // Persistent before it is published: another thread may find it (a read, or the trace
        // resolving its key) as soon as it is in the dictionary.
        memo._persist = _codec is null ? null : Runtime.Persistence(PersistentKey(key), _codec);
        while (true)
        {
            if (_memos.TryAdd(key, memo))
            {
                if (memo._persist is not null)
                {
                    Runtime.Register(memo);
                }

                return memo;
            }

            if (_memos.TryGetValue(key, out KeyedMemo<TKey, TValue>? existing))
            {
                return existing;
            }
        }
    }

    internal TValue Compute(TKey key) => _compute(key);

    /// <summary>Removes a released memo (only if it is still the key's memo).</summary>
    internal void Forget(KeyedMemo<TKey, TValue> memo) =>
        _memos.TryRemove(new KeyValuePair<TKey, KeyedMemo<TKey, TValue>>(memo.Key, memo));

    Node? IMemoTable.ResolveKeyText(string keyText) =>
        KeyText<TKey>.TryParse(keyText, out TKey key) ? GetMemo(key) : null;

    void IMemoTable.CollectUnobserved(HashSet<Node> live, HashSet<Node> dead, List<Memo> deadList)
    {
        foreach (KeyValuePair<TKey, KeyedMemo<TKey, TValue>> entry in _memos)
        {
            if (!live.Contains(entry.Value) && dead.Add(entry.Value))
            {
                deadList.Add(entry.Value);
            }
        }
    }
}
