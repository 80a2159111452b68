using System.Globalization;
using LiteDB;

namespace Adaptive.Core;

/// <summary>
/// The trace in one LiteDB file (direct connection, one instance per process, one transaction
/// per save) — the only code in the project that knows the database. It holds few, large
/// documents instead of one per entry:
/// <code>
/// meta    { _id: "meta", format, engine, base, deltas[], values, nextChunk }   what the rest is
/// graph   { _id: "b7.0", data }  { _id: "d7.3.0", data }   a base image and its deltas (TraceImage),
///                                                           zlib, split in ≤ 4 MB documents
/// values  { _id: chunk, data }                              memo values packed in ~1 MB chunks, zlib
/// </code>
/// Loading reads the base image and the deltas in one go (no object per entry: see
/// <see cref="TraceSnapshot"/>); a value is read when a memo adopted from the trace is read,
/// its chunk once. A save writes what changed as a delta, and compacts into a new base once the
/// deltas outgrow a tenth of it. Each image carries its checksum: a damaged, truncated or
/// foreign file, or another format or engine, is set aside with a warning and the build starts
/// cold — never a wrong result.
/// </summary>
public sealed partial class LiteDbTraceStore : ITraceStore
{
    /// <summary>The layout version; a store of another version is discarded.</summary>
    public const int FormatVersion = 4;


    private readonly object _gate = new(); // one database: used by one thread at a time
    private readonly string _path;
    private readonly FileStream? _lock;
    private readonly Dictionary<int, byte[]?> _chunks = [];
    private readonly Dictionary<string, ValueLocation?> _valueOf = new(StringComparer.Ordinal); // values written after the base
    private LiteDatabase? _database;
    private TraceSnapshot _snapshot = TraceSnapshot.Empty;
    private StoreMeta _meta = StoreMeta.Empty;

    private LiteDbTraceStore(string path, FileStream? fileLock, string engine)
    {
        _path = path;
        _lock = fileLock;
        Engine = engine;
    }

    /// <summary>The engine this store's results belong to: <see cref="EngineVersion"/> and the
    /// caller's code identity (see <see cref="Open(string, string?)"/>). A store written by
    /// another engine is set aside.</summary>
    public string Engine { get; }

    /// <summary>False when the store could not be opened at all: it then loads nothing and saves
    /// nothing (see <see cref="Warning"/>).</summary>
    public bool IsEnabled => _database is not null;

    /// <summary>The engine version recorded in a store: results of another engine are not reused.</summary>
    public static string EngineVersion { get; } = typeof(AdaptiveRuntime).Assembly.GetName().Version!.ToString();

    /// <inheritdoc/>
    public string? Warning { get; private set; }

    /// <inheritdoc/>
    public long SizeOnDisk => FileSize(_path) + FileSize(LogPath(_path));

    /// <summary>Opens (or creates) the store at <paramref name="path"/>. A store that cannot be
    /// opened or created at all (an unwritable folder, a file in the way) is returned disabled,
    /// with a <see cref="Warning"/>: the build runs cold and saves nothing.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="code">The identity of the code whose results the trace holds, beyond the
    /// runtime (e.g. the module version ids of the assemblies that define the memos): a trace
    /// written by other code is set aside, because a memo's code fingerprint covers only its own
    /// computation, not the helpers it calls — as rustc discards its incremental cache when the
    /// compiler changes. Null: the runtime's version alone.</param>
    /// <exception cref="TraceStoreInUseException">Another process has it open.</exception>
    public static LiteDbTraceStore Open(string path, string? code = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        FileStream fileLock;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            fileLock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Disabled(path, ex);
        }
        catch (IOException ex) when (File.Exists(path + ".lock") && !IsFileInTheWay(path))
        {
            throw new TraceStoreInUseException(path, ReadOwner(path), ex);
        }
        catch (IOException ex)
        {
            return Disabled(path, ex);
        }

        var store = new LiteDbTraceStore(path, fileLock, code is null ? EngineVersion : EngineVersion + "+" + code);
        try
        {
            File.WriteAllText(path + ".owner", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            store.OpenDatabase();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteException)
        {
            store.Dispose();
            return Disabled(path, ex);
        }

        return store;
    }

    /// <inheritdoc/>
    public TraceSnapshot Load()
    {
        lock (_gate)
        {
            if (!IsEnabled)
            {
                return TraceSnapshot.Empty;
            }

            try
            {
                _snapshot = LoadCore();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Recreate("could not be read (" + FirstLine(ex.Message) + ")");
                _snapshot = new TraceSnapshot();
            }

            return _snapshot;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Called from the threads that load adopted values: the database is used by one
    /// thread at a time, and a chunk is read and inflated once.</remarks>
    public byte[]? ReadValue(string key)
    {
        lock (_gate)
        {
            if (!IsEnabled || !TryLocate(key, out ValueLocation location))
            {
                return null;
            }

            if (!_chunks.TryGetValue(location.Chunk, out byte[]? chunk))
            {
                chunk = ReadChunk(location.Chunk);
                _chunks[location.Chunk] = chunk;
            }

            return chunk is not null && location.Offset >= 0 && location.Length >= 0 && location.Offset <= chunk.Length - location.Length
                ? chunk.AsSpan(location.Offset, location.Length).ToArray()
                : null; // an unreadable value is a missing value: the memo recomputes
        }
    }

    /// <inheritdoc/>
    /// <exception cref="IOException">The database could not be written (nothing of this save is kept).</exception>
    public void Save(TraceChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            if (changes.IsEmpty || !IsEnabled)
            {
                return;
            }

            LiteDatabase database = _database!;
            database.BeginTrans();
            try
            {
                StoreMeta meta = SaveCore(changes);
                database.GetCollection("meta").Upsert(meta.ToDocument(Engine));
                database.Commit();
                _meta = meta;
            }
            catch (Exception ex) when (ex is LiteException or IOException)
            {
                TryRollback(database);
                _chunks.Clear();
                throw new IOException("could not write the trace: " + FirstLine(ex.Message), ex);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _database?.Dispose();
            _database = null;
        }

        _lock?.Dispose();
    }

    // Opening and recovery: LiteDbTraceStore.Open.cs; loading and reading values:
    // LiteDbTraceStore.Load.cs; saving and compacting: LiteDbTraceStore.Save.cs.

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
