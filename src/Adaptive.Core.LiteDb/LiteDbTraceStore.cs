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
public sealed class LiteDbTraceStore : ITraceStore
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

    private StoreMeta SaveCore(TraceChanges changes)
    {
        ILiteCollection<BsonDocument> graph = _database!.GetCollection("graph");
        var packer = new ValuePacker(_database.GetCollection("values"), _meta.NextChunk);
        var entries = new List<TraceEntry>(changes.Memos.Count + changes.Inputs.Count);
        foreach ((StoredMemo memo, byte[]? value) in changes.Memos)
        {
            ValueLocation? location = value is null ? null : packer.Add(value);
            _snapshot.Set(memo);
            _valueOf[memo.Key] = location;
            entries.Add(new TraceEntry(memo, null, location));
        }

        foreach (StoredInput input in changes.Inputs)
        {
            _snapshot.Set(input);
            _valueOf[input.Key] = null;
            entries.Add(new TraceEntry(null, input, null));
        }

        foreach (string key in changes.Deleted)
        {
            _snapshot.Remove(key);
            _valueOf[key] = null;
        }

        packer.Close();
        StoreMeta meta = _meta with { NextChunk = packer.NextChunk, ValueBytes = _meta.ValueBytes + packer.Written };
        if (meta.Base is null)
        {
            // The first save: everything there is. The chunks compress while the image is encoded.
            return Compact(graph, meta, entries, changes.Deleted, packer);
        }

        packer.Flush();
        byte[] delta = TraceImage.Encode(entries, changes.Deleted);
        byte[][] packed = Zlib.DeflateSlices(delta);
        if (meta.DeltaBytes + Zlib.Length(packed) > meta.BaseBytes / 10)
        {
            return Compact(graph, meta, null, [], null);
        }

        int id = meta.Deltas.Length == 0 ? 0 : meta.Deltas[^1].Id + 1;
        ImageRecord record = WriteImage(graph, $"d{meta.Base.Id}.{id}", id, delta, packed);
        return meta with { Deltas = [.. meta.Deltas, record] };
    }

    /// <summary>Writes every entry as a new base image, drops the deltas, and repacks the values
    /// when replaced ones take more room than live ones. <paramref name="all"/>: every entry,
    /// when the caller has them (the first save), except <paramref name="deleted"/>, with the
    /// <paramref name="pending"/> chunks of their values still to write.</summary>
    private StoreMeta Compact(ILiteCollection<BsonDocument> graph, StoreMeta meta, List<TraceEntry>? all, List<string> deleted, ValuePacker? pending)
    {
        var entries = new List<TraceEntry>(all?.Count ?? 0);
        long live = 0;
        if (all is not null)
        {
            var gone = new HashSet<string>(deleted, StringComparer.Ordinal);
            foreach (TraceEntry entry in all)
            {
                if (!gone.Contains(entry.Key))
                {
                    live += entry.Value?.Length ?? 0;
                    entries.Add(entry);
                }
            }
        }

        foreach (string key in all is null ? _snapshot.Keys : [])
        {
            if (_snapshot.Memo(key) is { } memo)
            {
                ValueLocation? location = TryLocate(key, out ValueLocation found) ? found : null;
                live += location?.Length ?? 0;
                entries.Add(new TraceEntry(memo, null, location));
            }
            else if (_snapshot.Input(key) is { } input)
            {
                entries.Add(new TraceEntry(null, input, null));
            }
        }

        ILiteCollection<BsonDocument> values = _database!.GetCollection("values");
        if (pending is null && live < meta.ValueBytes / 2)
        {
            // Most stored bytes are replaced values: copy the live ones into fresh chunks.
            var packer = new ValuePacker(values, meta.NextChunk);
            int first = meta.NextChunk;
            for (int i = 0; i < entries.Count; i++)
            {
                if (entries[i].Value is not null)
                {
                    byte[]? bytes = ReadValue(entries[i].Key);
                    entries[i] = entries[i] with { Value = bytes is null ? null : packer.Add(bytes) };
                }
            }

            packer.Flush();
            values.DeleteMany(Query.LT("_id", first));
            _chunks.Clear();
            meta = meta with { NextChunk = packer.NextChunk, ValueBytes = packer.Written };
        }

        int id = (meta.Base?.Id ?? 0) + 1;
        byte[] image = TraceImage.Encode(entries, []);
        byte[][] packed = Zlib.DeflateSlices(image);
        pending?.Flush();
        graph.DeleteAll();
        ImageRecord record = WriteImage(graph, $"b{id}", id, image, packed);
        _valueOf.Clear();
        foreach (TraceEntry entry in entries)
        {
            _valueOf[entry.Key] = entry.Value;
        }

        return meta with { Base = record, Deltas = [] };
    }

    private TraceSnapshot LoadCore()
    {
        _valueOf.Clear();
        _chunks.Clear();
        if (_meta.Base is null)
        {
            return new TraceSnapshot();
        }

        ILiteCollection<BsonDocument> graph = _database!.GetCollection("graph");
        var snapshot = new TraceSnapshot(TraceImage.Decode(ReadImage(graph, $"b{_meta.Base.Id}", _meta.Base)));
        foreach (ImageRecord delta in _meta.Deltas)
        {
            TraceImage image = TraceImage.Decode(ReadImage(graph, $"d{_meta.Base.Id}.{delta.Id}", delta));
            for (int i = 0; i < image.Count; i++)
            {
                switch (image.KindAt(i))
                {
                    case TraceImage.MemoKind:
                        snapshot.Set(image.MemoAt(i));
                        _valueOf[image.KeyAt(i)] = image.ValueAt(i);
                        break;
                    case TraceImage.InputKind:
                        snapshot.Set(image.InputAt(i));
                        _valueOf[image.KeyAt(i)] = null;
                        break;
                }
            }

            foreach (string key in image.Deleted)
            {
                snapshot.Remove(key);
                _valueOf[key] = null;
            }
        }

        return snapshot;
    }

    private bool TryLocate(string key, out ValueLocation location)
    {
        location = default;
        ValueLocation? found = _valueOf.TryGetValue(key, out ValueLocation? written) ? written
            : _snapshot.TryGetBaseValue(key, out ValueLocation? stored) ? stored
            : null;
        if (found is { } value)
        {
            location = value;
            return true;
        }

        return false;
    }

    private byte[]? ReadChunk(int chunk)
    {
        try
        {
            return _database!.GetCollection("values").FindById(chunk)?["data"] is { IsBinary: true } data ? Zlib.Inflate(data.AsBinary) : null;
        }
        catch (Exception ex) when (ex is LiteException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes an image as independently compressed slices (<paramref name="parts"/>,
    /// from <see cref="Zlib.DeflateSlices"/>), one document each.</summary>
    private static ImageRecord WriteImage(ILiteCollection<BsonDocument> graph, string name, int id, byte[] image, byte[][] parts)
    {
        long bytes = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            graph.Upsert(new BsonDocument { ["_id"] = name + "." + i.ToString(CultureInfo.InvariantCulture), ["data"] = parts[i] });
            bytes += parts[i].Length;
        }

        return new ImageRecord(id, parts.Length, bytes, Fingerprint128.Of(image).ToString(), image.Length);
    }

    private static byte[] ReadImage(ILiteCollection<BsonDocument> graph, string name, ImageRecord record)
    {
        var parts = new byte[record.Parts][];
        for (int i = 0; i < parts.Length; i++)
        {
            if (graph.FindById(name + "." + i.ToString(CultureInfo.InvariantCulture))?["data"] is not { IsBinary: true } data)
            {
                throw new FormatException($"part {i} of '{name}' is missing");
            }

            parts[i] = data.AsBinary;
        }

        byte[] image = Zlib.InflateSlices(parts, record.Raw);
        return Fingerprint128.Of(image).ToString() == record.Hash ? image : throw new FormatException($"'{name}' does not match its checksum");
    }

    private void OpenDatabase()
    {
        if (File.Exists(_path) && new FileInfo(_path).Length == 0 && !File.Exists(LogPath(_path)))
        {
            Warning = $"trace '{_path}' was empty (zero bytes); this build starts cold";
            File.Delete(_path);
        }

        try
        {
            Connect();
            string? problem = ReadMeta();
            if (problem is not null)
            {
                Recreate(problem);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Recreate("is not a readable trace (" + FirstLine(ex.Message) + ")");
        }
    }

    private void Connect()
    {
        _database = new LiteDatabase(new ConnectionString { Filename = _path, Connection = ConnectionType.Direct, Upgrade = false });
    }

    /// <summary>Reads the meta document: null when the store is of this format and engine (or new);
    /// otherwise what is wrong.</summary>
    private string? ReadMeta()
    {
        ILiteCollection<BsonDocument> metas = _database!.GetCollection("meta");
        BsonDocument? document = metas.FindById("meta");
        if (document is null)
        {
            if (_database.GetCollectionNames().Any(name => name is "graph" or "values"))
            {
                return "has no version";
            }

            _meta = StoreMeta.Empty;
            return null;
        }

        int format = document["format"].IsInt32 ? document["format"].AsInt32 : -1;
        if (format != FormatVersion)
        {
            return $"has format version {(format < 0 ? "?" : format.ToString(CultureInfo.InvariantCulture))}, this build reads {FormatVersion}";
        }

        string engine = document["engine"].IsString ? document["engine"].AsString : "?";
        if (engine != Engine)
        {
            return $"was written by another version of the code ({engine}), this is {Engine}";
        }

        _meta = StoreMeta.FromDocument(document);
        return null;
    }

    /// <summary>Moves the unusable file aside (for inspection) and starts an empty store.</summary>
    private void Recreate(string problem)
    {
        Warning = $"trace '{_path}' {problem}; it was set aside as '{Path.GetFileName(_path)}.bad' and this build starts cold";
        _database?.Dispose();
        _database = null;
        if (File.Exists(_path))
        {
            File.Move(_path, _path + ".bad", overwrite: true);
        }

        File.Delete(LogPath(_path));
        _valueOf.Clear();
        _chunks.Clear();
        _meta = StoreMeta.Empty;
        Connect();
        _database!.GetCollection("meta").Upsert(_meta.ToDocument(Engine));
    }

    private static void TryRollback(LiteDatabase database)
    {
        try
        {
            database.Rollback();
        }
        catch (Exception ex) when (ex is LiteException or IOException)
        {
            // the transaction is gone with the failure
        }
    }

    private static LiteDbTraceStore Disabled(string path, Exception reason) =>
        new(path, null, EngineVersion) { Warning = $"trace '{path}' could not be opened ({FirstLine(reason.Message)}); this build starts cold and saves no trace" };

    private static bool IsFileInTheWay(string path)
    {
        for (string? folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return true;
            }
        }

        return false;
    }

    private static int? ReadOwner(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path + ".owner"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>LiteDB's write-ahead log beside the file: <c>trace-log.db</c>.</summary>
    private static string LogPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
