using System.Globalization;
using System.Runtime.CompilerServices;

namespace Adaptive.Core;

/// <summary>
/// An input whose value is the bytes of a file, read only when a computation needs them.
/// With a trace store, a new process trusts the stored content fingerprint when the file's
/// modification time and size equal the stored ones, so an unchanged site is verified without
/// reading its files; otherwise the file is read and hashed. A stat is stored only when the file
/// was last written at least <see cref="RacyWindow"/> before it was hashed (the "racily clean"
/// rule of git): an edit in the same second as the previous one, keeping the size, is still
/// caught because the next process hashes the file.
/// </summary>
public sealed class FileInput : Node
{
    /// <summary>A stat younger than this when the file is hashed is not trusted later.</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private static readonly Fingerprint128 s_missing = Fingerprint128.Of("\0adapt: file missing"u8);

    private readonly object _readLock = new();
    private byte[]? _content;
    private Fingerprint128 _contentFingerprint;
    private long? _trustedTicks;
    private long? _trustedLength;
    private (byte[] Content, Fingerprint128 Fingerprint, long? Ticks, long? Length)? _staged;

    internal FileInput(AdaptiveRuntime runtime, string path, string key)
        : base(runtime, key, 0)
    {
        Path = path;
        _changedAt = runtime._revision;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>True when the file existed when it was last read or checked.</summary>
    public bool Exists => _contentFingerprint != s_missing;

    /// <summary>How many times the file's bytes were read (for tests and diagnostics).</summary>
    internal int ReadCount { get; private set; }

    internal Fingerprint128 ContentFingerprint => _contentFingerprint;

    internal long? TrustedTicks => _trustedTicks;

    internal long? TrustedLength => _trustedLength;

    /// <summary>
    /// The file's bytes (empty when it does not exist). Inside a memo's execution this records a
    /// dependency. If the file changed on disk since its fingerprint was taken, and
    /// <see cref="Refresh"/> has not been called since, reading throws <see cref="IOException"/>:
    /// a build never mixes two versions of a file.
    /// </summary>
    public byte[] Content
    {
        get
        {
            RecordInputRead();
            return _content ?? Load();
        }
    }

    /// <summary>Checks the file again and, when its content changed, propagates the change like
    /// setting a <see cref="Ref{T}"/> (inside <see cref="AdaptiveRuntime.Batch"/>: when the batch
    /// ends). Returns true when it changed.</summary>
    public bool Refresh() => _runtime.RefreshFile(this);

    private protected override string DefaultName => "file:" + Path;

    /// <summary>Sets the initial fingerprint: from the stored record when the stat matches,
    /// else by reading the file.</summary>
    internal void Initialize(StoredInput? stored)
    {
        (bool exists, long ticks, long length) = Stat();
        if (exists && stored is { ModifiedUtcTicks: { } storedTicks, Length: { } storedLength }
            && storedTicks == ticks && storedLength == length)
        {
            _contentFingerprint = stored.Fingerprint;
            _trustedTicks = ticks;
            _trustedLength = length;
        }
        else
        {
            (byte[] content, Fingerprint128 fingerprint, long? trustedTicks, long? trustedLength) = ReadNow();
            _content = content;
            _contentFingerprint = fingerprint;
            _trustedTicks = trustedTicks;
            _trustedLength = trustedLength;
        }

        _fingerprint = _contentFingerprint.Low;
        _persist?.Remember(this, _contentFingerprint);
    }

    /// <summary>Reads and hashes the file now; the stat is returned only when it can be
    /// trusted later (outside the racy window).</summary>
    internal (byte[] Content, Fingerprint128 Fingerprint, long? Ticks, long? Length) ReadNow()
    {
        (bool exists, long ticks, long length) = Stat();
        if (!exists)
        {
            return ([], s_missing, null, null);
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(Path);
        }
        catch (FileNotFoundException)
        {
            return ([], s_missing, null, null);
        }
        catch (DirectoryNotFoundException)
        {
            return ([], s_missing, null, null);
        }

        ReadCount++;
        (bool stillExists, long ticksAfter, long lengthAfter) = Stat();
        bool settled = stillExists && ticksAfter == ticks && lengthAfter == length
            && DateTime.UtcNow.Ticks - ticks >= RacyWindow.Ticks;
        return (content, Fingerprint128.Of(content), settled ? ticks : null, settled ? length : null);
    }

    /// <summary>Stages a new state (during a batch) or tells whether it differs.</summary>
    internal bool Differs((byte[] Content, Fingerprint128 Fingerprint, long? Ticks, long? Length) next) =>
        next.Fingerprint != _contentFingerprint || next.Ticks != _trustedTicks || next.Length != _trustedLength;

    internal bool Stage((byte[] Content, Fingerprint128 Fingerprint, long? Ticks, long? Length) next)
    {
        bool first = _staged is null;
        _staged = next;
        _state |= NodeState.Staged;
        return first;
    }

    /// <summary>Publishes a new state; true when the content changed (the stat alone may
    /// change too, which matters only to the trace). Caller holds the runtime exclusively.</summary>
    internal bool Publish((byte[] Content, Fingerprint128 Fingerprint, long? Ticks, long? Length) next, long revision)
    {
        bool changed = next.Fingerprint != _contentFingerprint;
        _trustedTicks = next.Ticks;
        _trustedLength = next.Length;
        if (changed)
        {
            int state = _state;
            Volatile.Write(ref _state, state | NodeState.Busy);
            Interlocked.MemoryBarrier();
            _content = next.Content;
            _contentFingerprint = next.Fingerprint;
            _fingerprint = next.Fingerprint.Low;
            Volatile.Write(ref _state, unchecked((state & ~NodeState.Busy) + NodeState.SequenceUnit));
            _changedAt = revision;
            _persist?.Remember(this, _contentFingerprint);
        }

        if (_persist is not null)
        {
            _runtime.MarkDirty(this);
        }

        return changed;
    }

    internal override bool CommitStaged(long revision)
    {
        var staged = _staged!.Value;
        _staged = null;
        _state &= ~NodeState.Staged;
        return Publish(staged, revision);
    }

    internal override void DiscardStaged()
    {
        _staged = null;
        _state &= ~NodeState.Staged;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte[] Load()
    {
        lock (_readLock)
        {
            if (_content is { } loaded)
            {
                return loaded;
            }

            (byte[] content, Fingerprint128 fingerprint, _, _) = ReadNow();
            if (fingerprint != _contentFingerprint)
            {
                throw new IOException(
                    $"'{Path}' changed while the build was reading it (its content no longer matches the version being built). Run the build again.");
            }

            _content = content;
            return content;
        }
    }

    private (bool Exists, long Ticks, long Length) Stat()
    {
        var info = new FileInfo(Path);
        return info.Exists ? (true, info.LastWriteTimeUtc.Ticks, info.Length) : (false, 0, 0);
    }

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + (Exists ? (_trustedLength ?? _content?.Length ?? 0).ToString(CultureInfo.InvariantCulture) + " bytes" : "missing") + ")";
}
