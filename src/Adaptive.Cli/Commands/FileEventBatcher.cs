using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>
/// Turns file system events into settled batches: a batch is handed out once no event has
/// arrived for the debounce interval (or after a second of continuous events, so a burst of
/// thousands of changes still makes progress). Events under the output and state folders and
/// for hidden, backup and temporary files are ignored; an editor's atomic save (write a
/// temporary file, rename it over the original) arrives as a change of the original. A watcher
/// overflow asks for a full check of every file.
/// </summary>
internal sealed class FileEventBatcher : IDisposable
{
    private readonly string _root;
    private readonly string[] _ignoredFolders;
    private readonly TimeSpan _quiet;
    private readonly FileSystemWatcher _watcher;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _signal = new(0);
    private HashSet<string> _changed = new(StringComparer.Ordinal);
    private bool _structure;
    private bool _overflow;
    private DateTime _first;
    private DateTime _last;

    public FileEventBatcher(string root, TimeSpan quiet, params string[] ignoredFolders)
    {
        _root = Path.GetFullPath(root);
        _quiet = quiet;
        _ignoredFolders = [.. ignoredFolders.Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar)];
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            InternalBufferSize = 64 * 1024,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Add(e.FullPath, structure: false);
        _watcher.Created += (_, e) => AddCreated(e.FullPath);
        _watcher.Deleted += (_, e) => Add(e.FullPath, structure: true);
        _watcher.Renamed += (_, e) =>
        {
            Add(e.OldFullPath, structure: true);
            AddCreated(e.FullPath);
        };
        _watcher.Error += (_, _) =>
        {
            lock (_gate)
            {
                _overflow = true;
                Touch();
            }
        };
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Waits for the next settled batch; null when <paramref name="cancel"/> fires.</summary>
    public async Task<FileBatch?> NextAsync(CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    DateTime now = DateTime.UtcNow;
                    bool settled = now - _last >= _quiet || now - _first >= TimeSpan.FromSeconds(1);
                    if (settled && (_changed.Count > 0 || _overflow))
                    {
                        var batch = new FileBatch(_changed, _structure || _overflow, _overflow);
                        _changed = new HashSet<string>(StringComparer.Ordinal);
                        _structure = false;
                        _overflow = false;
                        while (_signal.CurrentCount > 0)
                        {
                            _signal.Wait(0, CancellationToken.None);
                        }

                        return batch;
                    }

                    if (_changed.Count == 0 && !_overflow)
                    {
                        break; // only ignored events
                    }

                    wait = _quiet - (now - _last);
                }

                try
                {
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(5), cancel).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _signal.Dispose();
    }

    /// <summary>A created (or renamed-in) path. For a folder, every file already in it too: the
    /// watch on a new folder starts after its files may have been written (a content folder
    /// deleted and restored, a folder moved in), and their own events are then never seen.</summary>
    private void AddCreated(string fullPath)
    {
        Add(fullPath, structure: true);
        if (!Directory.Exists(fullPath) || Ignored(fullPath))
        {
            return;
        }

        try
        {
            foreach (string file in Directory.EnumerateFiles(fullPath, "*", SearchOption.AllDirectories))
            {
                Add(file, structure: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _overflow = true; // cannot tell what is in it: check everything
                Touch();
            }
        }
    }

    private void Add(string fullPath, bool structure)
    {
        if (Ignored(fullPath))
        {
            return;
        }

        string relative = Path.GetRelativePath(_root, fullPath).Replace('\\', '/');
        lock (_gate)
        {
            _changed.Add(relative);
            _structure |= structure || Directory.Exists(fullPath);
            Touch();
        }
    }

    private void Touch()
    {
        DateTime now = DateTime.UtcNow;
        if (_changed.Count <= 1 && !_overflow)
        {
            _first = now;
        }

        _last = now;
        _signal.Release();
    }

    private bool Ignored(string fullPath)
    {
        foreach (string folder in _ignoredFolders)
        {
            if ((fullPath + Path.DirectorySeparatorChar).StartsWith(folder, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (string segment in Path.GetRelativePath(_root, fullPath).Split(Path.DirectorySeparatorChar))
        {
            if (SiteFiles.IsIgnored(segment))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A settled batch of file events.</summary>
/// <param name="Changed">Paths (relative to the site, forward slashes) created, changed, deleted or renamed.</param>
/// <param name="Structure">Files or folders were created, deleted or renamed: list the site again.</param>
/// <param name="Overflow">Events were lost: check every file.</param>
internal sealed record FileBatch(IReadOnlyCollection<string> Changed, bool Structure, bool Overflow);
