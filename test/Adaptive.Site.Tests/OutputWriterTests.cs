using System.Text;

namespace Adaptive.Site.Tests;

public sealed class OutputWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Public => Path.Combine(_dir, "public");

    private static KeyValuePair<string, byte[]> File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Writes_only_files_whose_bytes_changed()
    {
        var writer = new OutputWriter(Public);
        Assert.Equal(["blog/a/index.html", "index.html"], writer.Write([File("index.html", "home"), File("blog/a/index.html", "a")], complete: true).Written);
        Assert.Empty(writer.Write([File("index.html", "home"), File("blog/a/index.html", "a")], complete: true).Written);
        Assert.Equal(["blog/a/index.html"], writer.Write([File("index.html", "home"), File("blog/a/index.html", "a2")], complete: true).Written);
        Assert.Equal("a2", System.IO.File.ReadAllText(Path.Combine(Public, "blog/a/index.html")));
    }

    [Fact]
    public void Deletes_what_the_previous_build_wrote_and_this_one_does_not_and_nothing_else()
    {
        var writer = new OutputWriter(Public);
        writer.Write([File("index.html", "home"), File("blog/a/index.html", "a"), File("tags/go/index.html", "go")], complete: true);
        System.IO.File.WriteAllText(Path.Combine(Public, "user-file.txt"), "not ours");

        WriteResult result = writer.Write([File("index.html", "home")], complete: true);
        Assert.Equal(["blog/a/index.html", "tags/go/index.html"], result.Deleted);
        Assert.False(Directory.Exists(Path.Combine(Public, "blog")));
        Assert.False(Directory.Exists(Path.Combine(Public, "tags")));
        Assert.True(System.IO.File.Exists(Path.Combine(Public, "user-file.txt")));
    }

    [Fact]
    public void Partial_writes_delete_nothing()
    {
        var writer = new OutputWriter(Public);
        writer.Write([File("index.html", "home"), File("about/index.html", "about")], complete: true);
        Assert.Empty(writer.Write([File("index.html", "home2")], complete: false).Deleted);
        Assert.True(System.IO.File.Exists(Path.Combine(Public, "about/index.html")));
    }

    [Theory]
    [InlineData("../escape.html")]
    [InlineData("a/../../escape.html")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b.html")]
    [InlineData("c:/x.html")]
    public void Refuses_paths_outside_the_output_folder(string path)
    {
        var writer = new OutputWriter(Public);
        Assert.Throws<InvalidOperationException>(() => writer.Write([File(path, "x")], complete: false));
        Assert.False(System.IO.File.Exists(Path.Combine(_dir, "escape.html")));
    }

    [Fact]
    public void Refuses_to_write_through_a_symbolic_link()
    {
        string outside = Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;
        Directory.CreateDirectory(Public);
        Directory.CreateSymbolicLink(Path.Combine(Public, "linked"), outside);
        var writer = new OutputWriter(Public);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => writer.Write([File("linked/x.html", "x")], complete: false));
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(outside));
    }
}
