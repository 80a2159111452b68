// Opening: the lock file and its owner, the meta document's format and engine, and a file that
// cannot be used set aside so the build starts cold (never a wrong result).
using System.Globalization;
using LiteDB;

namespace Adaptive.Core;

public sealed partial class LiteDbTraceStore
{
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
}
