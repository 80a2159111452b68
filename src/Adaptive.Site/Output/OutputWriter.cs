namespace Adaptive.Site;

/// <summary>What a write changed on disk (paths relative to the output folder, sorted).</summary>
/// <param name="Written">Files created or whose bytes changed.</param>
/// <param name="Deleted">Files the previous build wrote that this one does not produce.</param>
public sealed record WriteResult(IReadOnlyList<string> Written, IReadOnlyList<string> Deleted);

/// <summary>
/// Writes a build's output files: only those whose bytes differ from what is on disk (atomically:
/// a temporary file renamed into place), deletes the files a previous build wrote that are no
/// longer produced (known from a manifest, <c>.adapt-outputs</c>, so files the site did not
/// write are never touched), and removes folders left empty. Never writes outside the output
/// folder: relative paths only, no <c>..</c>, and no symbolic link on the way.
/// </summary>
/// <remarks>
/// Before it writes, a build lists the files it is about to write in a journal
/// (<c>.adapt-journal</c>), removed by <see cref="Commit"/> once the build's state (trace or
/// cache) is saved. A build killed in between leaves the journal: the next one treats those files
/// as unknown (<see cref="Unsettled"/>) — it rewrites them when it produces them and deletes them
/// when it does not — so a file from a build whose results were never recorded is never trusted
/// (docs/design/reliability.md).
/// </remarks>
public sealed class OutputWriter
{
    /// <summary>The manifest listing the files written by the last complete build.</summary>
    public const string ManifestName = ".adapt-outputs";

    /// <summary>The journal of files a build may have written before its state was saved.</summary>
    public const string JournalName = ".adapt-journal";

    /// <summary>The lock a building process holds on the output folder (with its owner note,
    /// <c>.adapt-lock.owner</c>), so that two builds never write one folder at once.</summary>
    public const string LockName = ".adapt-lock";

    /// <summary>True for the build's own files in an output folder (manifest, journal, lock):
    /// not part of the site, never served, never compared.</summary>
    public static bool IsBookkeeping(string fileName) => fileName.StartsWith(".adapt-", StringComparison.Ordinal);

    private readonly string _root;

    /// <summary>Writes into <paramref name="outputFolder"/> (created when missing).</summary>
    public OutputWriter(string outputFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        _root = Path.GetFullPath(outputFolder);
    }

    /// <summary>The output folder.</summary>
    public string Root => _root;

    /// <summary>Files that a build which did not finish may have written (from the journal it
    /// left): their content is unknown until written again. Empty after a clean finish.</summary>
    public IReadOnlySet<string> Unsettled()
    {
        string journal = Path.Combine(_root, JournalName);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(journal))
        {
            foreach (string line in File.ReadAllLines(journal))
            {
                if (line.Length > 0 && IsSafe(line))
                {
                    paths.Add(line);
                }
            }
        }

        return paths;
    }

    /// <summary>What a build says when it finds <see cref="Unsettled"/> files.</summary>
    internal SiteDiagnostic InterruptedWarning(int count) =>
        new(Path.GetFileName(_root) + "/" + JournalName, 0, 0,
            $"the previous build stopped before it finished: {count} output file(s) it may have written are checked again", DiagnosticSeverity.Warning);

    /// <summary>Records that the build's state is saved: the files written so far are known
    /// (removes the journal).</summary>
    public void Commit()
    {
        string journal = Path.Combine(_root, JournalName);
        if (File.Exists(journal))
        {
            File.Delete(journal);
        }
    }

    /// <summary>Writes <paramref name="outputs"/>. With <paramref name="complete"/>, they are all
    /// the build's outputs: anything the previous build wrote and this one does not is deleted,
    /// and the manifest is replaced.</summary>
    public WriteResult Write(IEnumerable<KeyValuePair<string, byte[]>> outputs, bool complete)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        Directory.CreateDirectory(_root);
        BuildSeal.Break(_root); // before anything here changes: a seal never outlives what it describes
        var items = outputs as IList<KeyValuePair<string, byte[]>> ?? [.. outputs];
        var produced = new SortedSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, byte[]> item in items)
        {
            produced.Add(item.Key);
        }

        // Checking and writing thousands of files is file-system latency, not CPU: done on
        // several threads (a 10,000-page site rewriting 18,000 files took 13 s on one).
        var fulls = new string[items.Count];
        var differs = new bool[items.Count];
        ForEach(items.Count, i =>
        {
            fulls[i] = FullPath(items[i].Key);
            differs[i] = !SameBytes(fulls[i], items[i].Value);
        });
        var changed = new List<(string Relative, string Full, byte[] Bytes)>();
        for (int i = 0; i < items.Count; i++)
        {
            if (differs[i])
            {
                changed.Add((items[i].Key, fulls[i], items[i].Value));
            }
        }

        Journal(changed);
        ForEach(changed.Count, i =>
        {
            (_, string full, byte[] bytes) = changed[i];
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            string temporary = full + ".adapt-tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        });
        var written = new List<string>(changed.Count);
        foreach ((string relative, _, _) in changed)
        {
            written.Add(relative);
        }

        var deleted = new List<string>();
        if (complete)
        {
            foreach (string previous in PreviouslyWritten())
            {
                if (produced.Contains(previous) || !IsSafe(previous))
                {
                    continue;
                }

                string full = FullPath(previous);
                if (File.Exists(full))
                {
                    File.Delete(full);
                    deleted.Add(previous);
                    RemoveEmptyFolders(Path.GetDirectoryName(full)!);
                }
            }

            WriteManifest(produced);
        }

        written.Sort(StringComparer.Ordinal);
        deleted.Sort(StringComparer.Ordinal);
        return new WriteResult(written, deleted);
    }

    /// <summary>
    /// An incremental write: <paramref name="changed"/> are the outputs whose bytes may have
    /// changed (written when they differ from disk), <paramref name="all"/> every path the build
    /// produces; what the previous build wrote and is not in <paramref name="all"/> is deleted.
    /// </summary>
    public WriteResult Apply(IEnumerable<KeyValuePair<string, byte[]>> changed, IReadOnlyCollection<string> all)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(all);
        WriteResult written = Write(changed, complete: false);
        var produced = new SortedSet<string>(all, StringComparer.Ordinal);
        var deleted = new List<string>();
        foreach (string previous in PreviouslyWritten())
        {
            if (!produced.Contains(previous) && IsSafe(previous) && File.Exists(FullPath(previous)))
            {
                string full = FullPath(previous);
                File.Delete(full);
                deleted.Add(previous);
                RemoveEmptyFolders(Path.GetDirectoryName(full)!);
            }
        }

        WriteManifest(produced);
        deleted.Sort(StringComparer.Ordinal);
        return written with { Deleted = deleted };
    }

    /// <summary>True when the output file exists.</summary>
    public bool Exists(string relative) => IsSafe(relative) && File.Exists(Path.Combine(_root, relative));

    /// <summary>The absolute path of an output, checked to stay inside the output folder.</summary>
    public string FullPath(string relative)
    {
        if (!IsSafe(relative))
        {
            throw new InvalidOperationException($"Refusing to write '{relative}': output paths are relative, without '..', ':' or '\\\\'.");
        }

        string full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Refusing to write '{relative}': it is outside the output folder.");
        }

        for (string? folder = Path.GetDirectoryName(full); folder is not null && folder.Length > _root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder) && new DirectoryInfo(folder).LinkTarget is not null)
            {
                throw new InvalidOperationException($"Refusing to write '{relative}': '{Path.GetRelativePath(_root, folder)}' is a symbolic link.");
            }
        }

        return full;
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1 on up to 8 threads; the first
    /// exception is rethrown as itself (an IOException stays an IOException).</summary>
    private static void ForEach(int count, Action<int> body)
    {
        if (count < 32)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, body);
        }
        catch (AggregateException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }

    private static bool IsSafe(string relative) =>
        relative.Length > 0 && !Path.IsPathRooted(relative) && !relative.Contains('\\', StringComparison.Ordinal)
        && !relative.Contains(':', StringComparison.Ordinal) && !relative.Contains('\0', StringComparison.Ordinal)
        && relative.Split('/').All(segment => segment is not ("" or "." or ".."));

    private static bool SameBytes(string full, byte[] bytes)
    {
        var info = new FileInfo(full);
        if (!info.Exists || info.Length != bytes.Length || info.LinkTarget is not null)
        {
            return false;
        }

        return File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes);
    }

    /// <summary>What earlier builds may have written: the manifest of the last complete write,
    /// and the journal of writes not yet committed (a killed build's new files are not in the
    /// manifest), sorted.</summary>
    public IReadOnlySet<string> PreviouslyWritten()
    {
        var previous = new SortedSet<string>(StringComparer.Ordinal);
        string manifest = Path.Combine(_root, ManifestName);
        if (File.Exists(manifest))
        {
            foreach (string line in File.ReadAllLines(manifest))
            {
                if (line.Length > 0)
                {
                    previous.Add(line);
                }
            }
        }

        previous.UnionWith(Unsettled());
        return previous;
    }

    private void WriteManifest(IEnumerable<string> produced)
    {
        string manifest = Path.Combine(_root, ManifestName);
        File.WriteAllLines(manifest + ".adapt-tmp", produced);
        File.Move(manifest + ".adapt-tmp", manifest, overwrite: true);
    }

    /// <summary>Appends the files about to be written to the journal, and hands it to the
    /// operating system before any of them is touched. No fsync: it would cost ~2 ms per watch
    /// propagation and protect only against power loss, which the output files themselves are
    /// not protected against either.</summary>
    private void Journal(List<(string Relative, string Full, byte[] Bytes)> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        using var stream = new FileStream(Path.Combine(_root, JournalName), FileMode.Append, FileAccess.Write, FileShare.None);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            foreach ((string relative, _, _) in changed)
            {
                writer.Write(relative);
                writer.Write('\n');
            }
        }

        stream.Flush(); // in the kernel before any file is touched: survives the process being killed (not a power loss, like the output files)
    }

    private void RemoveEmptyFolders(string folder)
    {
        while (folder.Length > _root.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
