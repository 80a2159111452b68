using System.Globalization;
using Adaptive.Cli.Terminal;
using Adaptive.Cli.Scaffold;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary><c>adapt new site DIR</c>, <c>adapt new page PATH</c> and <c>adapt theme eject</c>.</summary>
internal static class NewCommand
{
    public static int Run(NewVerb options)
    {
        var reporter = new Reporter(json: false);
        return options.Kind.ToLowerInvariant() switch
        {
            "site" => NewSite(reporter, options),
            "page" => NewPage(reporter, options),
            _ => throw new UsageException($"unknown kind '{options.Kind}': use 'adapt new site <dir>' or 'adapt new page <path>'"),
        };
    }

    public static int Eject(ThemeVerb options)
    {
        if (!string.Equals(options.Action, "eject", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"unknown theme action '{options.Action}': use 'adapt theme eject'");
        }

        var reporter = new Reporter(json: false);
        SitePaths paths = SitePaths.Resolve(new CleanVerb { Source = options.Source });
        int copied = 0;
        var skipped = new List<string>();
        foreach (string file in DefaultTheme.Files)
        {
            if (!file.StartsWith("layouts/", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(paths.Source, file);
            if (File.Exists(target) && !options.Force)
            {
                skipped.Add(file);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, DefaultTheme.File(file)!);
            copied++;
        }

        reporter.Line($"Copied {copied} layouts into layouts/; edit them to change the site's look.");
        if (skipped.Count > 0)
        {
            reporter.Line($"Kept {skipped.Count} layouts the site already has ({string.Join(", ", skipped)}); use --force to overwrite them.");
        }

        return ExitCodes.Success;
    }

    private static int NewSite(Reporter reporter, NewVerb options)
    {
        string root = Path.GetFullPath(options.Path);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !options.Force)
        {
            throw new UsageException($"'{options.Path}' is not empty: choose a new folder, or pass --force to add the site's files to it");
        }

        string title = options.Title ?? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)).Replace('-', ' ').Replace('_', ' '));
        string date = BuildClock.Now().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        IReadOnlyList<(string Path, string Text)> files = options.Theme.ToLowerInvariant() switch
        {
            "blog" => SiteTemplate.Files(Yaml(title), date),
            "docs" => DocsTemplate.Files(Yaml(title), date),
            _ => throw new UsageException($"--theme '{options.Theme}' is not a starter: use blog or docs"),
        };
        foreach ((string path, string text) in files)
        {
            string full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text.EndsWith('\n') ? text : text + "\n");
        }

        if (options.Theme.Equals("blog", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(Path.Combine(root, SiteTemplate.ImagePath), StarterImage.Bytes());
        }

        Directory.CreateDirectory(Path.Combine(root, "static"));
        reporter.Line($"Created a site in {options.Path}. Next:");
        reporter.Line($"  cd {options.Path}");
        reporter.Line("  adapt watch --serve    # build, serve on http://127.0.0.1:1313/ and rebuild on every edit");
        reporter.Line("  adapt build            # build into public/");
        return ExitCodes.Success;
    }

    private static int NewPage(Reporter reporter, NewVerb options)
    {
        SitePaths paths = SitePaths.Resolve(new CleanVerb { Source = options.Source });
        string relative = options.Path.Replace('\\', '/').TrimStart('/');
        if (relative.StartsWith("content/", StringComparison.Ordinal))
        {
            relative = relative["content/".Length..];
        }

        if (!relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            relative += ".md";
        }

        if (relative.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new UsageException($"'{options.Path}' is not a page path: use a path under content/ like blog/my-post.md");
        }

        string full = Path.Combine(paths.Source, "content", relative);
        if (File.Exists(full))
        {
            throw new UsageException($"content/{relative} already exists");
        }

        string name = Path.GetFileNameWithoutExtension(relative);
        string title = options.Title ?? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.Replace('-', ' ').Replace('_', ' '));
        string date = BuildClock.Now().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, $"---\ntitle: {Yaml(title)}\ndate: {date}\n{(options.Draft ? "draft: true\n" : string.Empty)}tags: []\n---\nWrite here.\n");
        reporter.Line($"Created content/{relative}");
        return ExitCodes.Success;
    }

    /// <summary>A YAML scalar: quoted when plain text would be read as something else.</summary>
    private static string Yaml(string text) =>
        text.IndexOfAny([':', '#', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']) >= 0 || text.Trim() != text || text.Length == 0
            ? "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : text;
}
