namespace Adaptive.Core;

/// <summary>
/// Turns values into bytes and back, for the persisted trace: a memo with a codec has its value
/// stored and fingerprinted; a memo without one is still tracked and verified, but recomputed in
/// a new process. Encodings must be deterministic (equal values, equal bytes) and
/// <see cref="Read"/> must return a value equal to the one written. See <see cref="Codec"/>.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public interface IValueCodec<T>
{
    /// <summary>Appends the encoding of <paramref name="value"/>.</summary>
    public void Write(T value, ValueWriter writer);

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    public T Read(ref ValueReader reader);
}
