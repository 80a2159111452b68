using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>The files of a site, by area, as sorted paths relative to the site folder with
/// forward slashes. Compared by value: a scan that finds the same files changes nothing.</summary>
/// <param name="Content">Pages: <c>content/**/*.md</c>.</param>
/// <param name="Layouts">Templates: <c>layouts/**/*.hbs</c>.</param>
/// <param name="Static">Files copied as they are: <c>static/**</c>, and the files under
/// <c>content/</c> that are not pages (images and downloads beside their page, published at the
/// same path: <c>content/blog/photo.png</c> → <c>blog/photo.png</c>).</param>
/// <param name="Assets">CSS and JS, fingerprinted: <c>assets/**/*.css|js</c>; and images
/// (<c>jpg</c>, <c>jpeg</c>, <c>png</c>, <c>gif</c>, <c>webp</c>, <c>bmp</c>), published only as the
/// variants pages ask for (<c>![x](/img/a.jpg?width=800)</c>), as Hugo's assets are.</param>
/// <param name="Data">Data for templates: <c>data/*.yaml|yml|json</c>.</param>
public sealed record SiteFiles(
    ValueList<string> Content,
    ValueList<string> Layouts,
    ValueList<string> Static,
    ValueList<string> Assets,
    ValueList<string> Data)
{
    /// <summary>Lists the files of the site at <paramref name="root"/>. Hidden files and folders
    /// (starting with '.'), editor backups (<c>~</c> suffix, <c>#name#</c>) and temporary files
    /// (<c>.tmp</c>, <c>.swp</c>) are skipped, as are symbolic links to folders (no loops).</summary>
    public static SiteFiles Scan(string root) => List(root).Files;

    /// <summary>Lists the files of the site at <paramref name="root"/> (see <see cref="Scan"/>), with
    /// a stamp of every folder walked, read before the folder is (see <see cref="SiteListing"/>).</summary>
    internal static SiteListing List(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        // Judged against the real time, not an injected clock: a folder changed in the same tick
        // as its stamp must not vouch for its names, whatever time a test pretends it is.
        var stamps = new Stamps(FileStat.ToNanoseconds(TimeProvider.System.GetUtcNow().UtcDateTime));
        stamps.Add(root, "");

        // content/ is walked once: its Markdown files are the pages, the rest their resources.
        var pages = new List<string>();
        var resources = new List<string>();
        foreach (string file in List(root, "content", static _ => true, stamps))
        {
            (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? pages : resources).Add(file);
        }

        var files = new SiteFiles(
            new ValueList<string>(pages),
            List(root, "layouts", static name => name.EndsWith(".hbs", StringComparison.OrdinalIgnoreCase), stamps),
            Merge(List(root, "static", static _ => true, stamps), resources),
            List(root, "assets", static name => IsFingerprinted(name) || IsImage(name), stamps),
            List(root, "data", static name => name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase), stamps, recursive: false));
        return new SiteListing(files, stamps.Result());
    }

    /// <summary>An asset published with its content hash in its name (CSS, JS).</summary>
    internal static bool IsFingerprinted(string name) =>
        name.EndsWith(".css", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".js", StringComparison.OrdinalIgnoreCase);

    /// <summary>An image file a page may ask variants of.</summary>
    internal static bool IsImage(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".gif" or ".webp" or ".bmp";

    /// <summary>True for names a site never contains: hidden, backup and temporary files.</summary>
    public static bool IsIgnored(string name) =>
        name.StartsWith('.') || name.EndsWith('~') || (name.StartsWith('#') && name.EndsWith('#'))
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".swp", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".swx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".adapt-tmp", StringComparison.Ordinal);

    private static ValueList<string> Merge(ValueList<string> first, List<string> second)
    {
        var all = new List<string>(first.Count + second.Count);
        all.AddRange(first);
        all.AddRange(second);
        all.Sort(StringComparer.Ordinal);
        return new ValueList<string>(all);
    }

    private static ValueList<string> List(string root, string area, Func<string, bool> include, Stamps stamps, bool recursive = true)
    {
        string folder = Path.Combine(root, area);
        var files = new List<string>();
        if (Directory.Exists(folder))
        {
            Walk(folder, area, include, recursive, files, stamps);
        }

        files.Sort(StringComparer.Ordinal);
        return new ValueList<string>(files);
    }

    // A symbolic link that leads nowhere (or to itself) is not a file of the site.
    private static bool IsDanglingLink(string file, Stamps stamps)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is null)
        {
            return false;
        }

        stamps.SawLink = true; // its target may come and go without a folder of the site changing
        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true } target || target is DirectoryInfo;
        }
        catch (IOException)
        {
            return true; // a loop
        }
    }

    private static void Walk(string folder, string relative, Func<string, bool> include, bool recursive, List<string> files, Stamps stamps)
    {
        // Stamped before it is read: a change after the stamp moves the folder's times.
        stamps.Add(folder, relative);

        // One enumeration per folder, names and kinds only (no stat per file); a symbolic link
        // costs one readlink, made only for names the site would take.
        var entries = new System.IO.Enumeration.FileSystemEnumerable<(string Name, bool IsFolder)>(
            folder,
            static (ref System.IO.Enumeration.FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false });
        List<string>? folders = null;
        foreach ((string name, bool isFolder) in entries)
        {
            if (IsIgnored(name))
            {
                continue;
            }

            if (isFolder)
            {
                if (recursive)
                {
                    if (new DirectoryInfo(Path.Combine(folder, name)).LinkTarget is null)
                    {
                        (folders ??= []).Add(name);
                    }
                    else
                    {
                        stamps.SawLink = true;
                    }
                }
            }
            else if (include(name) && !IsDanglingLink(Path.Combine(folder, name), stamps))
            {
                files.Add(relative + "/" + name);
            }
        }

        if (folders is not null)
        {
            foreach (string name in folders)
            {
                Walk(Path.Combine(folder, name), relative + "/" + name, include, recursive, files, stamps);
            }
        }
    }

    /// <summary>The stamps of a listing being taken.</summary>
    private sealed class Stamps(long listedAtNs)
    {
        private readonly List<FolderStamp> _folders = [];

        public bool SawLink { get; set; }

        public void Add(string full, string relative) => _folders.Add(new FolderStamp(relative, FileStat.ReadFolder(full) is { } stat && !stat.IsRacy(listedAtNs) ? stat : null));

        /// <summary>The stamps; null when any folder cannot vouch (racy, no change time, gone) or
        /// a symbolic link was met.</summary>
        public FolderStamp[]? Result()
        {
            if (SawLink)
            {
                return null;
            }

            foreach (FolderStamp folder in _folders)
            {
                if (folder.Stat is not { CanSkipHash: true })
                {
                    return null;
                }
            }

            return [.. _folders];
        }
    }
}

/// <summary>A folder of the site as a listing saw it.</summary>
/// <param name="Path">Relative to the site, forward slashes ("" for the site's folder).</param>
/// <param name="Stat">Its stat, read before its names were.</param>
internal readonly record struct FolderStamp(string Path, FileStat? Stat);

/// <summary>
/// A listing of the site and the stamps of the folders it walked (git's untracked cache): adding,
/// removing or renaming an entry moves its folder's modification and change times, so while every
/// stamp still holds, the listing holds — checked with one stat per folder instead of reading
/// every folder. Null stamps: this listing cannot be proven later (a folder changed in the same
/// clock tick as its stamp, a file system without change times, or a symbolic link, whose target
/// may appear or vanish outside the site).
/// </summary>
internal sealed record SiteListing(SiteFiles Files, FolderStamp[]? Folders)
{
    /// <summary>True when every stamp still holds for the site at <paramref name="root"/>.</summary>
    public bool Holds(string root)
    {
        if (Folders is null)
        {
            return false;
        }

        foreach (FolderStamp folder in Folders)
        {
            if (FileStat.ReadFolder(folder.Path.Length == 0 ? root : Path.Combine(root, folder.Path)) is not { } current || !current.Vouches(folder.Stat))
            {
                return false;
            }
        }

        return true;
    }
}
