namespace Adaptive.Site.Tests;

public sealed class SiteFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("adapt-scan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Touch(string relative)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
    }

    [Fact]
    public void Lists_each_area_sorted_and_skips_hidden_backup_and_temporary_files()
    {
        foreach (string file in (string[])["content/b.md", "content/a.md", "content/blog/_index.md", "content/blog/post.md", "content/notes.txt",
            "content/.hidden.md", "content/draft.md~", "content/#auto#", "content/x.md.swp", "content/.git/HEAD.md",
            "layouts/_default/single.hbs", "layouts/partials/nav.hbs", "static/img/logo.png", "assets/css/main.css", "assets/readme.txt",
            "data/authors.yaml", "data/nested/skip.json"])
        {
            Touch(file);
        }

        SiteFiles files = SiteFiles.Scan(_root);
        Assert.Equal(["content/a.md", "content/b.md", "content/blog/_index.md", "content/blog/post.md"], files.Content);
        Assert.Equal(["layouts/_default/single.hbs", "layouts/partials/nav.hbs"], files.Layouts);
        Assert.Equal(["content/notes.txt", "static/img/logo.png"], files.Static); // a page's resources are copied like static files
        Assert.Equal(["assets/css/main.css"], files.Assets);
        Assert.Equal(["data/authors.yaml"], files.Data);
        Assert.Equal(files, SiteFiles.Scan(_root));
    }

    [Fact]
    public void Symbolic_link_loops_under_content_are_not_followed()
    {
        Touch("content/a.md");
        Directory.CreateSymbolicLink(Path.Combine(_root, "content", "loop"), Path.Combine(_root, "content"));
        Assert.Equal(["content/a.md"], SiteFiles.Scan(_root).Content);
    }

    [Fact]
    public void Missing_areas_are_empty()
    {
        SiteFiles files = SiteFiles.Scan(_root);
        Assert.Empty(files.Content);
        Assert.Empty(files.Layouts);
    }
}
