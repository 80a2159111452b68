using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Adaptive.Core;

/// <summary>
/// The trace in an SQLite database (WAL journal, one transaction per save) — the only code in
/// the project that knows SQL. Schema (format 3), one row per stable key:
/// <code>
/// meta(key TEXT PRIMARY KEY, value TEXT)          -- format, engine
/// entry(id INTEGER PRIMARY KEY, key TEXT UNIQUE,
///       kind INTEGER,                             -- 0 placeholder (only referenced), 1 input, 2 memo
///       code INTEGER, fp_hi INTEGER, fp_lo INTEGER, -- code fingerprint, content fingerprint
///       deps BLOB,                                -- memo: (LEB128 id, fp_hi, fp_lo, failed)*
///       stat BLOB)                                -- file inputs: size, mtime, ctime (ns), inode, device
/// value(id INTEGER PRIMARY KEY, bytes BLOB)       -- memo values, read on demand
/// </code>
/// Loading scans the metadata table once; values live apart so the scan does not read them.
/// </summary>
public sealed class SqliteTraceStore : ITraceStore
{
    private readonly object _gate = new(); // one connection: used by one thread at a time

    /// <summary>The schema version; a store of another version is discarded.</summary>
    public const int FormatVersion = 3;

    private readonly string _path;
    private readonly FileStream? _lock;
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private SqliteConnection? _connectionOrNull;
    private long _nextId = 1;

    static SqliteTraceStore() => SQLitePCL.Batteries_V2.Init();

    private SqliteTraceStore(string path, FileStream? fileLock)
    {
        _path = path;
        _lock = fileLock;
    }

    /// <summary>False when the store could not be opened at all: it then loads nothing and saves
    /// nothing (see <see cref="Warning"/>).</summary>
    public bool IsEnabled => _connectionOrNull is not null;

    private SqliteConnection Connection => _connectionOrNull!;

    /// <summary>The engine version recorded in a store: results of another engine are not reused.</summary>
    public static string EngineVersion { get; } = typeof(AdaptiveRuntime).Assembly.GetName().Version!.ToString();

    /// <inheritdoc/>
    public string? Warning { get; private set; }

    /// <inheritdoc/>
    public long SizeOnDisk => FileSize(_path) + FileSize(_path + "-wal");

    /// <summary>Opens (or creates) the store at <paramref name="path"/>. A store that cannot be
    /// opened or created at all (an unwritable folder, a file in the way) is returned disabled,
    /// with a <see cref="Warning"/>: the build runs cold and saves nothing.</summary>
    /// <exception cref="TraceStoreInUseException">Another process has it open.</exception>
    public static SqliteTraceStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        FileStream fileLock;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
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

        var store = new SqliteTraceStore(path, fileLock);
        try
        {
            File.WriteAllText(path + ".owner", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            store.OpenDatabase();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            store.Dispose();
            return Disabled(path, ex);
        }

        return store;
    }

    private static SqliteTraceStore Disabled(string path, Exception reason) =>
        new(path, null) { Warning = $"trace '{path}' could not be opened ({FirstLine(reason.Message)}); this build starts cold and saves no trace" };

    private static bool IsFileInTheWay(string path)
    {
        for (string? folder = System.IO.Path.GetDirectoryName(path); folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public TraceSnapshot Load()
    {
        if (!IsEnabled)
        {
            return TraceSnapshot.Empty;
        }

        lock (_gate)
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
    }

    /// <inheritdoc/>
    /// <remarks>Called from the threads that load adopted values (parallel stabilization): the
    /// connection is used by one thread at a time.</remarks>
    public byte[]? ReadValue(string key)
    {
        lock (_gate)
        {
            if (!IsEnabled || !_ids.TryGetValue(key, out long id))
            {
                return null;
            }

            try
            {
                using SqliteCommand command = Command("SELECT bytes FROM value WHERE id = $id", ("$id", id));
                return command.ExecuteScalar() as byte[];
            }
            catch (SqliteException)
            {
                return null; // an unreadable value is a missing value: the memo recomputes
            }
        }
    }

    /// <inheritdoc/>
    public void Save(TraceChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty || !IsEnabled)
        {
            return;
        }

        lock (_gate)
        {
            SaveCore(changes);
        }
    }

    private void SaveCore(TraceChanges changes)
    {
        using SqliteTransaction transaction = Connection.BeginTransaction();
        using SqliteCommand upsertMemo = Command(
            "UPDATE entry SET kind = 2, code = $code, fp_hi = $hi, fp_lo = $lo, deps = $deps, stat = NULL WHERE id = $id;"
            + "INSERT OR REPLACE INTO value(id, bytes) VALUES ($id, $value)");
        using SqliteCommand upsertMemoWithoutValue = Command(
            "UPDATE entry SET kind = 2, code = $code, fp_hi = $hi, fp_lo = $lo, deps = $deps, stat = NULL WHERE id = $id;"
            + "DELETE FROM value WHERE id = $id");
        using SqliteCommand upsertInput = Command(
            "UPDATE entry SET kind = 1, code = NULL, fp_hi = $hi, fp_lo = $lo, deps = NULL, stat = $stat WHERE id = $id;"
            + "DELETE FROM value WHERE id = $id");
        using SqliteCommand delete = Command("DELETE FROM entry WHERE id = $id; DELETE FROM value WHERE id = $id");
        foreach ((StoredMemo memo, byte[]? value) in changes.Memos)
        {
            SqliteCommand command = value is null ? upsertMemoWithoutValue : upsertMemo;
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$id", IdOf(memo.Key, transaction));
            command.Parameters.AddWithValue("$code", unchecked((long)memo.CodeFingerprint));
            command.Parameters.AddWithValue("$hi", unchecked((long)memo.Fingerprint.High));
            command.Parameters.AddWithValue("$lo", unchecked((long)memo.Fingerprint.Low));
            command.Parameters.AddWithValue("$deps", EncodeDependencies(memo.Dependencies, transaction));
            if (value is not null)
            {
                command.Parameters.AddWithValue("$value", value);
            }

            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        foreach (StoredInput input in changes.Inputs)
        {
            upsertInput.Parameters.Clear();
            upsertInput.Parameters.AddWithValue("$id", IdOf(input.Key, transaction));
            upsertInput.Parameters.AddWithValue("$hi", unchecked((long)input.Fingerprint.High));
            upsertInput.Parameters.AddWithValue("$lo", unchecked((long)input.Fingerprint.Low));
            upsertInput.Parameters.AddWithValue("$stat", input.Stat is { } stat ? EncodeStat(stat) : DBNull.Value);
            upsertInput.Transaction = transaction;
            upsertInput.ExecuteNonQuery();
        }

        foreach (string key in changes.Deleted)
        {
            if (_ids.Remove(key, out long id))
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
        lock (_gate)
        {
            _connectionOrNull?.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _lock?.Dispose();
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
        _connectionOrNull = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        _connectionOrNull.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS entry(
                id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL,
                code INTEGER, fp_hi INTEGER, fp_lo INTEGER, deps BLOB, stat BLOB);
            CREATE TABLE IF NOT EXISTS value(id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
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
            using SqliteCommand count = Command("SELECT count(*) FROM entry");
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
        _connectionOrNull?.Dispose();
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
        var memoRows = new List<(string Key, long Code, Fingerprint128 Fingerprint, byte[] Deps)>();
        _ids.Clear();
        using (SqliteCommand entries = Command("SELECT id, key, kind, code, fp_hi, fp_lo, deps, stat FROM entry"))
        using (SqliteDataReader reader = entries.ExecuteReader())
        {
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                string key = reader.GetString(1);
                keys[id] = key;
                _ids[key] = id;
                _nextId = Math.Max(_nextId, id + 1);
                long kind = reader.GetInt64(2);
                if (kind == 0)
                {
                    continue;
                }

                var fingerprint = new Fingerprint128(unchecked((ulong)reader.GetInt64(4)), unchecked((ulong)reader.GetInt64(5)));
                if (kind == 1)
                {
                    snapshot.Inputs[key] = new StoredInput(key, fingerprint, reader.IsDBNull(7) ? null : DecodeStat(reader.GetFieldValue<byte[]>(7)));
                }
                else
                {
                    // GetFieldValue copies the column; GetBytes/GetStream would open a blob handle per row.
                    memoRows.Add((key, reader.GetInt64(3), fingerprint, reader.GetFieldValue<byte[]>(6)));
                }
            }
        }

        foreach ((string key, long code, Fingerprint128 fingerprint, byte[] deps) in memoRows)
        {
            StoredDependency[]? dependencies = DecodeDependencies(deps, keys);
            if (dependencies is not null)
            {
                snapshot.Memos[key] = new StoredMemo(key, unchecked((ulong)code), fingerprint, dependencies);
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
        using SqliteCommand insert = Command("INSERT INTO entry(id, key, kind) VALUES ($id, $key, 0)", ("$id", id), ("$key", key));
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
        _ids[key] = id;
        return id;
    }

    private byte[] EncodeDependencies(IReadOnlyList<StoredDependency> dependencies, SqliteTransaction transaction)
    {
        var writer = new ValueWriter();
        writer.WriteLength(dependencies.Count);
        foreach (StoredDependency dependency in dependencies)
        {
            writer.WriteLength(checked((int)IdOf(dependency.Key, transaction)));
            writer.WriteInt64(unchecked((long)dependency.Fingerprint.High));
            writer.WriteInt64(unchecked((long)dependency.Fingerprint.Low));
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
            long id = reader.ReadLength();
            var fingerprint = new Fingerprint128(unchecked((ulong)reader.ReadInt64()), unchecked((ulong)reader.ReadInt64()));
            bool failed = reader.ReadByte() != 0;
            if (!keys.TryGetValue(id, out string? key))
            {
                return null;
            }

            dependencies[i] = new StoredDependency(key, fingerprint, failed);
        }

        return dependencies;
    }

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
        SqliteCommand command = Connection.CreateCommand();
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

    private static byte[] EncodeStat(FileStat stat)
    {
        var writer = new ValueWriter();
        writer.WriteInt64(stat.Length);
        writer.WriteInt64(stat.ModifiedNs);
        writer.WriteInt64(stat.ChangedNs);
        writer.WriteInt64(unchecked((long)stat.Inode));
        writer.WriteInt64(unchecked((long)stat.Device));
        return writer.ToArray();
    }

    private static FileStat? DecodeStat(byte[] bytes)
    {
        var reader = new ValueReader(bytes);
        var stat = new FileStat(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), unchecked((ulong)reader.ReadInt64()), unchecked((ulong)reader.ReadInt64()));
        return reader.AtEnd ? stat : null;
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
