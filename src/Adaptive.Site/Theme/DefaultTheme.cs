using System.Reflection;

namespace Adaptive.Site;

/// <summary>
/// The default theme, embedded in the assembly: layouts (<c>_default/baseof</c>,
/// <c>_default/single</c>, <c>_default/list</c>, <c>home</c>, <c>taxonomy</c>, <c>term</c>,
/// <c>404</c>, partials) and <c>assets/css/theme.css</c>. A site's own <c>layouts/</c> and
/// <c>assets/</c> files take precedence, file by file; <see cref="Files"/> lists what
/// <c>adapt theme eject</c> copies out.
/// </summary>
public static class DefaultTheme
{
    private const string Prefix = "theme/";
    private static readonly Assembly s_assembly = typeof(DefaultTheme).Assembly;
    private static readonly Dictionary<string, byte[]> s_files = Load();

    /// <summary>The theme's files, as site-relative paths (<c>layouts/_default/single.hbs</c>,
    /// <c>assets/css/theme.css</c>), sorted.</summary>
    public static IReadOnlyList<string> Files { get; } = [.. s_files.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A file of the theme (site-relative path), or null.</summary>
    public static byte[]? File(string path) => s_files.GetValueOrDefault(path);

    /// <summary>A layout of the theme by name (<c>_default/single</c>, <c>partials/header</c>), or null.</summary>
    public static TemplateSource? Layout(string name)
    {
        string path = "layouts/" + name + ".hbs";
        return s_files.TryGetValue(path, out byte[]? bytes)
            ? new TemplateSource(name, "(default theme) " + path, System.Text.Encoding.UTF8.GetString(bytes))
            : null;
    }

    private static Dictionary<string, byte[]> Load()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string resource in s_assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = s_assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }

        return files;
    }
}
