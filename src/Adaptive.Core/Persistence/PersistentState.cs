namespace Adaptive.Core;

/// <summary>
/// The part of a node that exists only when the runtime has a trace store and the node has a
/// stable key and a codec: its key, its 128-bit content fingerprint (computed on demand and
/// cached for the in-memory fingerprint it belongs to), and whether it changed since the trace
/// was loaded or saved.
/// </summary>
internal abstract class PersistentState(string key)
{
    public string Key { get; } = key;

    /// <summary>Changed since loaded or saved: the next save writes it.</summary>
    public bool Dirty;

    /// <summary>The garbage-collection epoch in which the node was last found live.</summary>
    public int LiveEpoch;

    /// <summary>Adopted green from the stored graph without its dependencies: what it read is
    /// found through the stored edges (garbage collection walks them).</summary>
    public bool Shallow;

    private Fingerprint128 _fingerprint;
    private ulong _fingerprintOf;
    private bool _hasFingerprint;

    /// <summary>The content fingerprint of the node's current value.</summary>
    public Fingerprint128 FingerprintOf(Node node)
    {
        ulong current = node._fingerprint;
        if (!_hasFingerprint || _fingerprintOf != current)
        {
            _fingerprint = Fingerprint128.Of(Encode(node));
            _fingerprintOf = current;
            _hasFingerprint = true;
        }

        return _fingerprint;
    }

    /// <summary>Records a known content fingerprint (of a value adopted from the trace).</summary>
    public void Remember(Node node, Fingerprint128 fingerprint)
    {
        _fingerprint = fingerprint;
        _fingerprintOf = node._fingerprint;
        _hasFingerprint = true;
    }

    /// <summary>The content fingerprint remembered for the node's current in-memory fingerprint.</summary>
    public bool TryGetRemembered(Node node, out Fingerprint128 fingerprint)
    {
        fingerprint = _fingerprint;
        return _hasFingerprint && _fingerprintOf == node._fingerprint;
    }

    /// <summary>The encoding of the node's current value.</summary>
    public abstract byte[] Encode(Node node);

    /// <summary>False when the trace keeps only the value's fingerprint (<see cref="Codec.FingerprintOnly"/>).</summary>
    public abstract bool KeepsValue { get; }
}

/// <summary><see cref="PersistentState"/> with the value's codec.</summary>
internal sealed class PersistentState<T>(string key, IValueCodec<T> codec) : PersistentState(key)
{
    public IValueCodec<T> Codec { get; } = codec;

    public override bool KeepsValue { get; } = codec is not IFingerprintOnlyCodec;

    public override byte[] Encode(Node node)
    {
        var writer = new ValueWriter();
        T value = node switch
        {
            Ref<T> cell => cell.CurrentValue,
            FileInput file => (T)(object)file.Content,
            _ => ((Memo<T>)node)._value,
        };
        Codec.Write(value, writer);
        return writer.ToArray();
    }

    public bool TryDecode(byte[] bytes, out T value)
    {
        try
        {
            var reader = new ValueReader(bytes);
            value = Codec.Read(ref reader);
            return reader.AtEnd;
        }
        catch (FormatException)
        {
            value = default!;
            return false;
        }
    }
}
