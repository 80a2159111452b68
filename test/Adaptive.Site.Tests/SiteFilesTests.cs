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

    public static TheoryData<string> NameChanges =>
        ["file added", "file deleted", "file renamed", "folder added", "folder deleted", "area created", "file added to data", "hidden file added"];

    [Theory]
    [MemberData(nameof(NameChanges))]
    public void Folder_stamps_prove_a_listing_until_a_name_changes_anywhere(string change)
    {
        foreach (string file in (string[])["content/a.md", "content/blog/deep/post.md", "content/blog/deep/photo.png", "layouts/_default/single.hbs", "data/info.yaml"])
        {
            Touch(file);
        }

        Directory.CreateDirectory(Path.Combine(_root, "content/empty"));
        Thread.Sleep(150); // past the racy window: a folder changed in the tick of its stamp cannot vouch
        SiteListing listing = SiteFiles.List(_root);
        Assert.NotNull(listing.Folders);
        Assert.Contains(listing.Folders, f => f.Path == "content/empty"); // an empty folder is stamped too: a file may appear in it
        Assert.True(listing.Holds(_root));

        File.WriteAllText(Path.Combine(_root, "content/blog/deep/post.md"), "new content, same name"); // content is the inputs' business
        Assert.True(listing.Holds(_root));

        switch (change)
        {
            case "file added":
                Touch("content/empty/new.md");
                break;
            case "file deleted":
                File.Delete(Path.Combine(_root, "content/blog/deep/photo.png"));
                break;
            case "file renamed":
                File.Move(Path.Combine(_root, "content/blog/deep/post.md"), Path.Combine(_root, "content/blog/deep/moved.md"));
                break;
            case "folder added":
                Directory.CreateDirectory(Path.Combine(_root, "content/blog/new"));
                break;
            case "folder deleted":
                Directory.Delete(Path.Combine(_root, "content/empty"));
                break;
            case "area created":
                Touch("static/robots.txt");
                break;
            case "file added to data":
                Touch("data/more.yaml");
                break;
            case "hidden file added":
                Touch("content/.notes.md"); // not a file of the site, but a name changed: listed again, same result
                break;
        }

        Assert.False(listing.Holds(_root), change);
    }

    [Fact]
    public void A_listing_that_met_a_symbolic_link_or_a_fresh_folder_cannot_be_proven()
    {
        Touch("content/a.md");
        Thread.Sleep(150);
        File.CreateSymbolicLink(Path.Combine(_root, "content", "b.md"), Path.Combine(_root, "elsewhere.md")); // dangling now, a page once its target exists
        Thread.Sleep(150);
        Assert.Null(SiteFiles.List(_root).Folders);
        File.Delete(Path.Combine(_root, "content", "b.md"));

        Touch("content/fresh/c.md"); // just written: its folder's stamp is racy
        SiteListing fresh = SiteFiles.List(_root);
        Assert.Null(fresh.Folders);
        Assert.False(fresh.Holds(_root));
    }
}
