namespace Adaptive.Site;

/// <summary>The files of a site, by area, as sorted paths relative to the site folder with
/// forward slashes. Compared by value: a scan that finds the same files changes nothing.</summary>
/// <param name="Content">Pages: <c>content/**/*.md</c>.</param>
/// <param name="Layouts">Templates: <c>layouts/**/*.hbs</c>.</param>
/// <param name="Static">Files copied as they are: <c>static/**</c>, and the files under
/// <c>content/</c> that are not pages (images and downloads beside their page, published at the
/// same path: <c>content/blog/photo.png</c> → <c>blog/photo.png</c>).</param>
/// <param name="Assets">CSS and JS, fingerprinted: <c>assets/**/*.css|js</c>.</param>
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
    public static SiteFiles Scan(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        // content/ is walked once: its Markdown files are the pages, the rest their resources.
        var pages = new List<string>();
        var resources = new List<string>();
        foreach (string file in List(root, "content", static _ => true))
        {
            (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? pages : resources).Add(file);
        }

        return new SiteFiles(
            new ValueList<string>(pages),
            List(root, "layouts", static name => name.EndsWith(".hbs", StringComparison.OrdinalIgnoreCase)),
            Merge(List(root, "static", static _ => true), resources),
            List(root, "assets", static name => name.EndsWith(".css", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".js", StringComparison.OrdinalIgnoreCase)),
            List(root, "data", static name => name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase), recursive: false));
    }

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

    private static ValueList<string> List(string root, string area, Func<string, bool> include, bool recursive = true)
    {
        string folder = Path.Combine(root, area);
        var files = new List<string>();
        if (Directory.Exists(folder))
        {
            Walk(folder, area, include, recursive, files);
        }

        files.Sort(StringComparer.Ordinal);
        return new ValueList<string>(files);
    }

    // A symbolic link that leads nowhere (or to itself) is not a file of the site.
    private static bool IsDanglingLink(string file)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is null)
        {
            return false;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true } target || target is DirectoryInfo;
        }
        catch (IOException)
        {
            return true; // a loop
        }
    }

    private static void Walk(string folder, string relative, Func<string, bool> include, bool recursive, List<string> files)
    {
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
                if (recursive && new DirectoryInfo(Path.Combine(folder, name)).LinkTarget is null)
                {
                    (folders ??= []).Add(name);
                }
            }
            else if (include(name) && !IsDanglingLink(Path.Combine(folder, name)))
            {
                files.Add(relative + "/" + name);
            }
        }

        if (folders is not null)
        {
            foreach (string name in folders)
            {
                Walk(Path.Combine(folder, name), relative + "/" + name, include, recursive, files);
            }
        }
    }
}
