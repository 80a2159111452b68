using System.Text.Json;

namespace Adaptive.Site.Phased;

/// <summary>
/// The phased build's cache between runs (<c>.adapt/phased-cache.json</c>): file fingerprints,
/// the front matter of every page (so unchanged pages are not parsed again), the pages each page
/// cross-references, and for each output its path, what it read while rendering (pages, and
/// other values with a hash of what they were), its internal links, the image variants its layout
/// asked for and its error, if any.
/// </summary>
internal sealed class PhasedCache
{
    /// <summary>Bumped when the layout of the cache changes.</summary>
    public const int CurrentFormat = 4;

    public int Format { get; set; } = CurrentFormat;

    /// <summary>The build of the generator that wrote it (its code and theme); another one means a full build.</summary>
    public string Engine { get; set; } = string.Empty;

    /// <summary>The build options without the clock, as JSON (other options: a full build).</summary>
    public string Options { get; set; } = string.Empty;

    /// <summary>When it was saved (UTC ticks): files modified or changed less than
    /// <see cref="Core.FileStat.RacyWindow"/> before are hashed again even if their stat matches
    /// (an edit within the same timestamp tick).</summary>
    public long SavedAt { get; set; }

    /// <summary>The clock the build compared page dates with (UTC ticks; max: none).</summary>
    public long Now { get; set; }

    public Dictionary<string, FileRecord> Files { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Front matter of pages that parsed, as JSON.</summary>
    public Dictionary<string, string> Metas { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> CrossReferences { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, OutputRecord> Outputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The engine identity of this assembly.</summary>
    public static string CurrentEngine { get; } = typeof(PhasedCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>Reads the cache; null when there is none or it cannot be used (another format or
    /// engine, or damaged: the build is then a full one).</summary>
    public static PhasedCache? Load(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            PhasedCache? cache = JsonSerializer.Deserialize<PhasedCache>(File.ReadAllBytes(path));
            return cache is { Format: CurrentFormat } && cache.Engine == CurrentEngine ? cache : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes the cache atomically (a temporary file renamed into place).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A short content hash (hex).</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Core.Fingerprint128.Of(bytes).ToString();
}

/// <summary>A file as last seen.</summary>
/// <param name="Stat">Its stat when it was hashed (size, modification and change times, inode, device).</param>
/// <param name="Hash">Content hash.</param>
internal sealed record FileRecord(Core.FileStat Stat, string Hash);

/// <summary>An output as last built.</summary>
internal sealed class OutputRecord
{
    public string Path { get; set; } = string.Empty;

    /// <summary>Pages it read anything of.</summary>
    public string[] Pages { get; set; } = [];

    /// <summary>Other values it read: kind, argument, hash of the value.</summary>
    public ValueRead[] Values { get; set; } = [];

    /// <summary>Its internal links (HTML outputs that built).</summary>
    public string[]? Links { get; set; }

    /// <summary>The image variants its layout asked for (<c>file?spec</c>; null: none).</summary>
    public string[]? Images { get; set; }

    /// <summary>Its error, when it failed.</summary>
    public SiteDiagnostic? Error { get; set; }
}

/// <summary>A value an output read.</summary>
/// <param name="Kind">What it is (<c>layout</c>, <c>terms</c>, <c>related</c>, …).</param>
/// <param name="Argument">Which one.</param>
/// <param name="Hash">A hash of the value read.</param>
internal sealed record ValueRead(string Kind, string Argument, string Hash);
