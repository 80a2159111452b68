using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Adaptive.Core;

/// <summary>
/// An input whose value is the bytes of a file, read only when a computation needs them.
/// With a trace store, a new process trusts the stored content fingerprint when the file's stat
/// (size, modification and change times in nanoseconds, inode, device: <see cref="FileStat"/>)
/// equals the stored one, so an unchanged site is verified without reading its files; otherwise
/// the file is read and hashed. A stat is stored only when the file was last written or changed
/// at least its file system's timestamp tick (<see cref="FileStat.RacyWindow"/>) before it was
/// hashed (git's "racily clean" rule): an edit within the same tick as the previous one, keeping
/// the size, is still caught because the next process hashes the file.
/// </summary>
/// <remarks>
/// Within a build a file has one content: the first read keeps the bytes, and every later read
/// gets the same ones. When the bytes read differ from the fingerprint the build was verified
/// against (the file changed after it was checked, or a stat could not tell), that is a change,
/// never an error: the build uses the bytes it read, <see cref="ChangedWhileRead"/> says so, and
/// the file counts as changed for the next build (<see cref="Refresh"/>, or a new process: the
/// trace then holds a fingerprint that no content matches and no stat).
/// </remarks>
public sealed class FileInput : Node
{
    private static readonly Fingerprint128 s_missing = Fingerprint128.Of("\0adapt: file missing"u8);

    /// <summary>Stored for a file whose bytes changed while a build read them: no content has
    /// this fingerprint, so what was computed from either version is not reused later.</summary>
    private static readonly Fingerprint128 s_unsettled = Fingerprint128.Of("\0adapt: file changed while read"u8);

    private readonly object _readLock = new();
    private byte[]? _content;
    private Fingerprint128 _contentFingerprint;
    private FileStat? _trustedStat;
    private bool _unsettled;
    private FileSnapshot? _staged;

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

    /// <summary>True when a computation read bytes that differ from the fingerprint this file
    /// was checked with (it changed while the build read it): the build used the bytes it read,
    /// and <see cref="Refresh"/> propagates the change to everything computed from either version.</summary>
    public bool ChangedWhileRead => Volatile.Read(ref _unsettled);

    /// <summary>The fingerprint to persist: the content's (a fixed one for a missing file), or one
    /// that no content has when the file changed while it was read.</summary>
    public Fingerprint128 StoredFingerprint => _unsettled ? s_unsettled : _contentFingerprint;

    /// <summary>The stat to persist, when it can vouch for the content next time (null: the file
    /// was written too recently to trust its stat, or is missing: hash it).</summary>
    public FileStat? TrustedStat => _trustedStat;

    /// <summary>The fingerprint <see cref="StoredFingerprint"/> has for a missing file.</summary>
    public static Fingerprint128 MissingFingerprint => s_missing;

    /// <summary>
    /// The file's bytes (empty when it does not exist). Inside a memo's execution this records a
    /// dependency. Every read returns the same bytes until <see cref="Refresh"/>: if the file
    /// changed on disk since its fingerprint was taken, the bytes as first read are kept and
    /// <see cref="ChangedWhileRead"/> becomes true. A file that exists but cannot be read
    /// (permissions) throws the <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>
    /// that reading it did; once it can be read, <see cref="Refresh"/> propagates that as a change.
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
        FileStat? stat = FileStat.Read(Path);
        if (stored is not null && stat is { } current && current.Vouches(stored.Stat))
        {
            _contentFingerprint = stored.Fingerprint;
            _trustedStat = current;
        }
        else
        {
            FileSnapshot snapshot = ReadNow();
            _content = snapshot.Content;
            _contentFingerprint = snapshot.Fingerprint;
            _trustedStat = snapshot.TrustedStat;
        }

        _fingerprint = _contentFingerprint.Low;
        _persist?.Remember(this, _contentFingerprint);
    }

    /// <summary>Reads and hashes the file now; the stat is kept only when it can be trusted
    /// later (unchanged during the read, with a change time, outside the racy window).</summary>
    internal FileSnapshot ReadNow()
    {
        FileStat? before = FileStat.Read(Path);
        if (before is null)
        {
            return new FileSnapshot([], s_missing, null, null);
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileSnapshot([], s_missing, null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // There, but not readable (permissions, a lock): readers get the error, and its
            // stat is not kept, so the next check tries again.
            return new FileSnapshot(null, Fingerprint128.Of(Encoding.UTF8.GetBytes("\0adapt: unreadable: " + ex.GetType().FullName)), null, ex);
        }

        ReadCount++;
        FileStat? after = FileStat.Read(Path);
        bool settled = after == before && before.Value.CanSkipHash
            && !before.Value.IsRacy(FileStat.ToNanoseconds(_runtime.Clock.GetUtcNow().UtcDateTime));
        return new FileSnapshot(content, Fingerprint128.Of(content), settled ? before : null, null);
    }

    /// <summary>True when <paramref name="next"/> differs from what this input holds (content
    /// or trusted stat), or when the file changed while it was read.</summary>
    internal bool Differs(FileSnapshot next) =>
        _unsettled || next.Fingerprint != _contentFingerprint || next.TrustedStat != _trustedStat;

    /// <summary>Stages a new state (during a batch); true when first staged.</summary>
    internal bool Stage(FileSnapshot next)
    {
        bool first = _staged is null;
        _staged = next;
        _state |= NodeState.Staged;
        return first;
    }

    /// <summary>Publishes a new state; true when the content changed (the stat alone may
    /// change too, which matters only to the trace). A file that changed while it was read is a
    /// change even if its content is back to the fingerprint it was checked with: readers may
    /// have computed from the other version. Caller holds the runtime exclusively.</summary>
    internal bool Publish(FileSnapshot next, long revision)
    {
        bool changed = next.Fingerprint != _contentFingerprint || _unsettled;
        _trustedStat = next.TrustedStat;
        if (changed)
        {
            int state = _state;
            Volatile.Write(ref _state, state | NodeState.Busy);
            Interlocked.MemoryBarrier();
            _content = next.Content;
            _fingerprint = next.Fingerprint != _contentFingerprint ? next.Fingerprint.Low : _runtime.NextStamp();
            _contentFingerprint = next.Fingerprint;
            _unsettled = false;
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
        FileSnapshot staged = _staged!.Value;
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

            FileSnapshot now = ReadNow();
            if (now.Fingerprint != _contentFingerprint)
            {
                // Not the version this build was verified against: the file changed after it was
                // checked. This build keeps the bytes it read (every reader gets these); the next
                // one treats the file as changed, and the trace stores a fingerprint no content
                // has, so nothing computed from either version is reused blindly.
                _trustedStat = null;
                _persist?.Remember(this, s_unsettled);
                Volatile.Write(ref _unsettled, true);
                if (_persist is not null)
                {
                    _runtime.MarkDirty(this);
                }

                _runtime.NoteChangedWhileRead(this);
            }

            if (now.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            _content = now.Content;
            return now.Content!;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + (Exists ? (_trustedStat?.Length ?? _content?.Length ?? 0).ToString(CultureInfo.InvariantCulture) + " bytes" : "missing") + ")";
}

/// <summary>A file's bytes as read once (null when it could not be read: then <paramref name="Error"/>
/// says why, and readers get it), their fingerprint, and the stat to trust later (null when it
/// cannot vouch for them).</summary>
internal readonly record struct FileSnapshot(byte[]? Content, Fingerprint128 Fingerprint, FileStat? TrustedStat, Exception? Error);
