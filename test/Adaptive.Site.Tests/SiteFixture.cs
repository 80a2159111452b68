using System.Text;
using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>A site on disk in a temporary folder, with a runtime and its <see cref="Site"/>.</summary>
internal sealed class SiteFixture : IDisposable
{
    public SiteFixture(params (string Path, string Text)[] files)
    {
        Root = Directory.CreateTempSubdirectory("adapt-site-").FullName;
        foreach ((string path, string text) in files)
        {
            Write(path, text, refresh: false);
        }

        Runtime = new AdaptiveRuntime();
        Site = new Site(Runtime, Root, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    public string Root { get; }

    public AdaptiveRuntime Runtime { get; }

    public Site Site { get; }

    /// <summary>Writes a file and tells the site (a new file needs a rescan, an edit a refresh).</summary>
    public void Write(string path, string text, bool refresh = true) => WriteBytes(path, Encoding.UTF8.GetBytes(text), refresh);

    public void WriteBytes(string path, byte[] bytes, bool refresh = true)
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        if (refresh)
        {
            Site.Rescan();
            Site.Refresh(path);
        }
    }

    public void Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        Site.Rescan();
        Site.Refresh(path);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
