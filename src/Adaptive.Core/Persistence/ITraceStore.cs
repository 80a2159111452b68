namespace Adaptive.Core;

/// <summary>
/// Where a runtime's trace is kept between processes: for each persistent memo its value, the
/// value's fingerprint, its code fingerprint and the dependencies it read with the fingerprint
/// it saw for each; for each input its fingerprint. <c>LiteDbTraceStore</c> (Adaptive.Core.LiteDb)
/// is the implementation; tests may supply others.
/// </summary>
public interface ITraceStore : IDisposable
{
    /// <summary>What the store recovered from when it opened or loaded (a corrupted, truncated
    /// or wrong-version file, a failed write), as one line; null when nothing happened.</summary>
    public string? Warning { get; }

    /// <summary>Reads every entry except the stored values (see <see cref="ReadValue"/>). A
    /// store that cannot read its contents returns an empty snapshot and sets
    /// <see cref="Warning"/>: a cold start, never a wrong result.</summary>
    public TraceSnapshot Load();

    /// <summary>Reads the stored value of a memo, or null when it is missing or unreadable.</summary>
    public byte[]? ReadValue(string key);

    /// <summary>Applies <paramref name="changes"/> atomically: after a crash the store holds
    /// either all of them or none.</summary>
    public void Save(TraceChanges changes);

    /// <summary>The size of the store on disk, in bytes.</summary>
    public long SizeOnDisk { get; }
}
