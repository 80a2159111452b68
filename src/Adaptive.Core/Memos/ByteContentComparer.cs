namespace Adaptive.Core;

/// <summary>
/// Compares byte arrays by content, for memos that return bytes (<c>[Memo(Comparer =
/// nameof(...))]</c> pointing at <see cref="Instance"/>): without it a recomputed array is
/// always "changed" (arrays compare by reference) and early cutoff never happens.
/// </summary>
public sealed class ByteContentComparer : IEqualityComparer<byte[]>
{
    private ByteContentComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static ByteContentComparer Instance { get; } = new();

    /// <inheritdoc/>
    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    /// <inheritdoc/>
    public int GetHashCode(byte[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = default(HashCode);
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
