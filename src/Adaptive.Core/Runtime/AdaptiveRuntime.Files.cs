// File inputs: creating them, and the files that changed while they were read.
using System.Collections.Concurrent;

namespace Adaptive.Core;

/// <summary>
/// File inputs: creating them (fingerprinted from the trace when their stat is unchanged) and
/// the files whose bytes changed while a demand read them (see <see cref="FileInput"/>).
/// Refreshing a file is a change like setting a Ref (<c>AdaptiveRuntime.Dirty.cs</c>).
/// </summary>
public sealed partial class AdaptiveRuntime
{
    private readonly ConcurrentQueue<FileInput> _changedWhileRead = new();

    /// <summary>The clock compared with file times (<see cref="FileStat.IsRacy"/>).</summary>
    internal TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>
    /// Creates an input for the file at <paramref name="path"/>: its bytes are read when a
    /// computation reads <see cref="FileInput.Content"/>. With a trace store, an unchanged file
    /// (the same <see cref="FileStat"/> as stored: size, times, inode) is not read at all until
    /// needed. Call
    /// <see cref="FileInput.Refresh"/> when the file may have changed.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The stable key (default <c>file:</c> + path); a name for diagnostics.</param>
    public FileInput File(string path, string? key = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        key ??= "file:" + path;
        var file = new FileInput(this, path, key);
        // Initialized before it is registered: another thread resolving the key (a stored
        // dependency being checked) must never find a file that has not been stat'ed yet.
        file._persist = Persistence(key, Codec.Bytes);
        file.Initialize(StoredInputFor(key));
        if (file._persist is not null)
        {
            Register(file);
        }

        return file;
    }

    /// <summary>
    /// The file inputs whose bytes, when a computation read them, differed from the fingerprint
    /// they had been checked with (each at most once per occurrence; the list is emptied). The
    /// demand used the bytes as read; refresh these files (<see cref="FileInput.Refresh"/>) to
    /// bring everything computed from either version up to date.
    /// </summary>
    public IReadOnlyList<FileInput> TakeFilesChangedWhileRead()
    {
        var files = new List<FileInput>();
        while (_changedWhileRead.TryDequeue(out FileInput? file))
        {
            files.Add(file);
        }

        return files;
    }

    internal void NoteChangedWhileRead(FileInput file) => _changedWhileRead.Enqueue(file);
}
