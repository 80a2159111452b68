using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Adaptive.Core;

/// <summary>
/// The trace in an SQLite database (WAL journal, one transaction per save) — the only code in
/// the project that knows SQL. Schema (format 1):
/// <code>
/// meta(key TEXT PRIMARY KEY, value TEXT)                     -- format, engine
/// node(id INTEGER PRIMARY KEY, key TEXT UNIQUE)              -- stable keys, interned
/// memo(id INTEGER PRIMARY KEY, code INTEGER, fp BLOB, deps BLOB, value BLOB)
/// input(id INTEGER PRIMARY KEY, fp BLOB, mtime INTEGER, size INTEGER)
/// </code>
/// <c>deps</c> is a compact list of (node id, 16-byte fingerprint, failed flag).
/// </summary>
/// <remarks>
/// Fault model: a file that is not a database, truncated, zero-length, of another format or
/// engine version, or that fails while being read, is moved aside and replaced by an empty store
/// (<see cref="Warning"/> says so): a cold start, never a wrong result. A process killed during a
/// save leaves the previous state (SQLite rolls back the unfinished transaction). A second
/// process gets <see cref="TraceStoreInUseException"/>: the store is guarded by an exclusive
/// lock on <c>&lt;path&gt;.lock</c>, released by the operating system when the holder dies.
/// </remarks>
public sealed class SqliteTraceStore : ITraceStore
{
    /// <summary>The schema version; a store of another version is discarded.</summary>
    public const int FormatVersion = 1;

    private readonly string _path;
    private readonly FileStream _lock;
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private SqliteConnection _connection = null!;
    private long _nextId = 1;

    static SqliteTraceStore() => SQLitePCL.Batteries_V2.Init();

    private SqliteTraceStore(string path, FileStream fileLock)
    {
        _path = path;
        _lock = fileLock;
    }

    /// <summary>The engine version recorded in a store: results of another engine are not reused.</summary>
    public static string EngineVersion { get; } = typeof(AdaptiveRuntime).Assembly.GetName().Version!.ToString();

    /// <inheritdoc/>
    public string? Warning { get; private set; }

    /// <inheritdoc/>
    public long SizeOnDisk => FileSize(_path) + FileSize(_path + "-wal");

    /// <summary>Opens (or creates) the store at <paramref name="path"/>.</summary>
    /// <exception cref="TraceStoreInUseException">Another process has it open.</exception>
    public static SqliteTraceStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FileStream fileLock;
        try
        {
            fileLock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new TraceStoreInUseException(path, ReadOwner(path), ex);
        }

        File.WriteAllText(path + ".owner", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var store = new SqliteTraceStore(path, fileLock);
        try
        {
            store.OpenDatabase();
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    /// <inheritdoc/>
    public TraceSnapshot Load()
    {
        try
        {
            return LoadCore();
        }
        catch (Exception ex) when (ex is SqliteException or FormatException or InvalidCastException)
        {
            Recreate("could not be read (" + FirstLine(ex.Message) + ")");
            return TraceSnapshot.Empty;
        }
    }

    /// <inheritdoc/>
    public byte[]? ReadValue(string key)
    {
        if (!_ids.TryGetValue(key, out long id))
        {
            return null;
        }

        try
        {
            using SqliteCommand command = Command("SELECT value FROM memo WHERE id = $id", ("$id", id));
            return command.ExecuteScalar() as byte[];
        }
        catch (SqliteException)
        {
            return null; // an unreadable value is a missing value: the memo recomputes
        }
    }

    /// <inheritdoc/>
    public void Save(TraceChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        using SqliteTransaction transaction = _connection.BeginTransaction();
        using SqliteCommand upsertMemo = Command("INSERT OR REPLACE INTO memo(id, code, fp, deps, value) VALUES ($id, $code, $fp, $deps, $value)");
        using SqliteCommand upsertInput = Command("INSERT OR REPLACE INTO input(id, fp, mtime, size) VALUES ($id, $fp, $mtime, $size)");
        using SqliteCommand deleteMemo = Command("DELETE FROM memo WHERE id = $id");
        using SqliteCommand deleteInput = Command("DELETE FROM input WHERE id = $id");
        using SqliteCommand deleteNode = Command("DELETE FROM node WHERE id = $id");
        foreach ((StoredMemo memo, byte[] value) in changes.Memos)
        {
            upsertMemo.Parameters.Clear();
            upsertMemo.Parameters.AddWithValue("$id", IdOf(memo.Key, transaction));
            upsertMemo.Parameters.AddWithValue("$code", unchecked((long)memo.CodeFingerprint));
            upsertMemo.Parameters.AddWithValue("$fp", Bytes(memo.Fingerprint));
            upsertMemo.Parameters.AddWithValue("$deps", EncodeDependencies(memo.Dependencies, transaction));
            upsertMemo.Parameters.AddWithValue("$value", value);
            upsertMemo.Transaction = transaction;
            upsertMemo.ExecuteNonQuery();
        }

        foreach (StoredInput input in changes.Inputs)
        {
            upsertInput.Parameters.Clear();
            upsertInput.Parameters.AddWithValue("$id", IdOf(input.Key, transaction));
            upsertInput.Parameters.AddWithValue("$fp", Bytes(input.Fingerprint));
            upsertInput.Parameters.AddWithValue("$mtime", (object?)input.ModifiedUtcTicks ?? DBNull.Value);
            upsertInput.Parameters.AddWithValue("$size", (object?)input.Length ?? DBNull.Value);
            upsertInput.Transaction = transaction;
            upsertInput.ExecuteNonQuery();
        }

        foreach (string key in changes.Deleted)
        {
            if (!_ids.Remove(key, out long id))
            {
                continue;
            }

            foreach (SqliteCommand delete in (SqliteCommand[])[deleteMemo, deleteInput, deleteNode])
            {
                delete.Parameters.Clear();
                delete.Parameters.AddWithValue("$id", id);
                delete.Transaction = transaction;
                delete.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection?.Dispose();
        SqliteConnection.ClearAllPools();
        _lock.Dispose();
    }

    private void OpenDatabase()
    {
        if (File.Exists(_path) && new FileInfo(_path).Length == 0 && !File.Exists(_path + "-wal"))
        {
            Warning = $"trace '{_path}' was empty (zero bytes); this build starts cold";
        }

        try
        {
            Connect();
            string? problem = CheckVersion();
            if (problem is not null)
            {
                Recreate(problem);
            }
        }
        catch (SqliteException ex)
        {
            Recreate("is not a readable trace (" + FirstLine(ex.Message) + ")");
        }
    }

    private void Connect()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS node(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS memo(id INTEGER PRIMARY KEY, code INTEGER NOT NULL, fp BLOB NOT NULL, deps BLOB NOT NULL, value BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS input(id INTEGER PRIMARY KEY, fp BLOB NOT NULL, mtime INTEGER, size INTEGER);
            """);
    }

    /// <summary>Null when the store is of this format and engine (recording them in a new
    /// store); otherwise what is wrong.</summary>
    private string? CheckVersion()
    {
        string? format = Meta("format");
        string? engine = Meta("engine");
        if (format is null && engine is null)
        {
            using SqliteCommand count = Command("SELECT (SELECT count(*) FROM node) + (SELECT count(*) FROM memo)");
            if (Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) != 0)
            {
                return "has no version";
            }

            Execute("INSERT INTO meta(key, value) VALUES ('format', $format), ('engine', $engine)",
                ("$format", FormatVersion.ToString(CultureInfo.InvariantCulture)), ("$engine", EngineVersion));
            return null;
        }

        if (format != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            return $"has format version {format ?? "?"}, this build reads {FormatVersion}";
        }

        return engine != EngineVersion ? $"was written by engine {engine ?? "?"}, this is {EngineVersion}" : null;
    }

    /// <summary>Moves the unusable file aside (for inspection) and starts an empty store.</summary>
    private void Recreate(string problem)
    {
        Warning = $"trace '{_path}' {problem}; it was set aside as '{System.IO.Path.GetFileName(_path)}.bad' and this build starts cold";
        _connection?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Move(_path, _path + ".bad", overwrite: true);
        File.Delete(_path + "-wal");
        File.Delete(_path + "-shm");
        _ids.Clear();
        _nextId = 1;
        Connect();
        _ = CheckVersion();
    }

    private TraceSnapshot LoadCore()
    {
        var snapshot = new TraceSnapshot();
        var keys = new Dictionary<long, string>();
        _ids.Clear();
        using (SqliteCommand nodes = Command("SELECT id, key FROM node"))
        using (SqliteDataReader reader = nodes.ExecuteReader())
        {
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                string key = reader.GetString(1);
                keys[id] = key;
                _ids[key] = id;
                _nextId = Math.Max(_nextId, id + 1);
            }
        }

        using (SqliteCommand memos = Command("SELECT id, code, fp, deps FROM memo"))
        using (SqliteDataReader reader = memos.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!keys.TryGetValue(reader.GetInt64(0), out string? key))
                {
                    continue;
                }

                StoredDependency[]? dependencies = DecodeDependencies((byte[])reader[3], keys);
                if (dependencies is null)
                {
                    continue; // a dependency's key is gone: the entry can never be verified
                }

                snapshot.Memos[key] = new StoredMemo(key, unchecked((ulong)reader.GetInt64(1)), Fingerprint((byte[])reader[2]), dependencies);
            }
        }

        using (SqliteCommand inputs = Command("SELECT id, fp, mtime, size FROM input"))
        using (SqliteDataReader reader = inputs.ExecuteReader())
        {
            while (reader.Read())
            {
                if (keys.TryGetValue(reader.GetInt64(0), out string? key))
                {
                    snapshot.Inputs[key] = new StoredInput(
                        key,
                        Fingerprint((byte[])reader[1]),
                        reader.IsDBNull(2) ? null : reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetInt64(3));
                }
            }
        }

        return snapshot;
    }

    private long IdOf(string key, SqliteTransaction transaction)
    {
        if (_ids.TryGetValue(key, out long id))
        {
            return id;
        }

        id = _nextId++;
        using SqliteCommand insert = Command("INSERT INTO node(id, key) VALUES ($id, $key)", ("$id", id), ("$key", key));
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
        _ids[key] = id;
        return id;
    }

    private byte[] EncodeDependencies(IReadOnlyList<StoredDependency> dependencies, SqliteTransaction transaction)
    {
        var writer = new ValueWriter();
        writer.WriteLength(dependencies.Count);
        Span<byte> fingerprint = stackalloc byte[16];
        foreach (StoredDependency dependency in dependencies)
        {
            writer.WriteInt64(IdOf(dependency.Key, transaction));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(fingerprint, dependency.Fingerprint.High);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(fingerprint[8..], dependency.Fingerprint.Low);
            writer.WriteBytes(fingerprint);
            writer.WriteByte(dependency.Failed ? (byte)1 : (byte)0);
        }

        return writer.ToArray();
    }

    private static StoredDependency[]? DecodeDependencies(byte[] bytes, Dictionary<long, string> keys)
    {
        var reader = new ValueReader(bytes);
        var dependencies = new StoredDependency[reader.ReadLength()];
        for (int i = 0; i < dependencies.Length; i++)
        {
            long id = reader.ReadInt64();
            Fingerprint128 fingerprint = Fingerprint(reader.ReadBytes());
            bool failed = reader.ReadByte() != 0;
            if (!keys.TryGetValue(id, out string? key))
            {
                return null;
            }

            dependencies[i] = new StoredDependency(key, fingerprint, failed);
        }

        return dependencies;
    }

    private static byte[] Bytes(Fingerprint128 fingerprint)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, fingerprint.High);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), fingerprint.Low);
        return bytes;
    }

    private static Fingerprint128 Fingerprint(byte[] bytes) => bytes.Length == 16
        ? new Fingerprint128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)))
        : throw new FormatException("Malformed fingerprint.");

    private string? Meta(string key)
    {
        using SqliteCommand command = Command("SELECT value FROM meta WHERE key = $key", ("$key", key));
        return command.ExecuteScalar() as string;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
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

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
