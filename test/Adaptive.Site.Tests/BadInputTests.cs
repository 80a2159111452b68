using System.Text;

namespace Adaptive.Site.Tests;

/// <summary>
/// Every kind of bad input, end to end through a build: a clear diagnostic (file and line where
/// known), a failed build (the CLI exits with 1), every other page still built, no exception, and
/// nothing written outside the output folder or into the site (docs/design/reliability.md).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Bad input\nbaseUrl: https://example.org/"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA body, see [b](b.md)."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body."),
        ("content/docs/guide.md", "---\ntitle: Guide\n---\nA guide."));

    private readonly string _output;

    public BadInputTests()
    {
        // The output folder sits in its own parent, so a file written outside it would show.
        _output = Path.Combine(Directory.CreateTempSubdirectory("adapt-bad-").FullName, "public");
    }

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
    }

    public static TheoryData<string, string, int, string> Errors => new()
    {
        // case, file, line (0: not known), message fragment
        { "malformed front matter", "content/blog/bad.md", 2, "invalid YAML: a '[' is not closed" }, // YAML finds the flow sequence open where the front matter ends; reported at its bracket
        { "unterminated front matter", "content/blog/bad.md", 1, "front matter is not closed" },
        { "tags as a number", "content/blog/bad.md", 3, "tags" },
        { "unparsable date", "content/blog/bad.md", 3, "date" },
        { "invalid UTF-8", "content/blog/bad.md", 4, "not valid UTF-8" },
        { "binary file as a page", "content/blog/bad.md", 3, "binary, not text" },
        { "text with NUL bytes", "content/blog/bad.md", 4, "binary" },
        { "two pages claiming one url", "content/blog/bad.md", 0, "would be written by both 'content/blog/b.md' and 'content/blog/bad.md'" },
        { "file names that differ only by case", "content/blog/b.md", 0, "'blog/b/index.html' (from 'content/blog/b.md') and 'blog/B/index.html' (from 'content/blog/B.md') differ only in letter case" },
        { "template syntax error", "layouts/blog/single.hbs", 2, "'{{#if}}' is never closed" },
        { "template that is not UTF-8", "layouts/blog/single.hbs", 1, "not valid UTF-8" }, // also read by the check whether layouts use the image helper
        { "unknown helper", "layouts/blog/single.hbs", 0, "helper that cannot be resolved" },
        { "missing partial", "layouts/blog/single.hbs", 2, "partial 'nowhere' does not exist" },
        { "recursive partial", "layouts/partials/loop.hbs", 1, "includes itself" },
        { "cycle through page content", "content/blog/bad.md", 6, "makes a cycle through page content: content/blog/bad.md → content/blog/c.md → content/blog/bad.md" },
        { "slug with path traversal", "content/blog/bad.md", 0, "is not one path segment" },
        { "url with path traversal", "content/blog/bad.md", 0, "outside the output folder" },
        { "alias with path traversal", "content/blog/bad.md", 0, "outside the output folder" },
        { "static file name with backslashes", "static/evil\\..\\escaped.txt", 0, "outside the output folder" },
        { "alias with a line break", "content/blog/bad.md", 3, "the URL '/---\\u000Ax\\u000A' holds a control character (U+000A)" },
        { "url with a tab", "content/blog/bad.md", 3, "holds a control character (U+0009)" },
        { "file name with a line break", "content/blog/line\nbreak.md", 0, "holds a control character (U+000A)" },
        { "url with an empty segment", "content/blog/bad.md", 3, "'/blog//b/' has an empty segment" }, // it named b's output file, unseen by the claim check
        { "layout that does not exist", "content/blog/bad.md", 3, "layout 'does-not-exist' not found (tried: layouts/blog/does-not-exist.hbs, layouts/_default/does-not-exist.hbs)" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_input_is_a_located_error_and_everything_else_is_still_built(string kind, string file, int line, string message)
    {
        Write(kind);
        Dictionary<string, long> sources = Snapshot(_site.Root);
        BuildReport report = Build();

        Assert.False(report.Succeeded, kind + ": the build should fail");
        SiteDiagnostic error = Assert.Single(report.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.File == file && d.Message.Contains(message, StringComparison.Ordinal));
        if (line > 0)
        {
            Assert.Equal(line, error.Line);
        }

        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("   at ", StringComparison.Ordinal)); // no stack trace
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains('\n', StringComparison.Ordinal)); // one line each
        AssertOthersBuilt(kind);
        Assert.Equal(sources, Snapshot(_site.Root)); // the site's files are untouched
        Assert.Equal(["public"], Directory.GetFileSystemEntries(Path.GetDirectoryName(_output)!).Select(Path.GetFileName)); // nothing beside the output

        // The phased baseline reports the same diagnostics and writes the same files.
        string phasedOutput = Path.Combine(Path.GetDirectoryName(_output)!, "phased");
        BuildReport phased = new Phased.PhasedBuilder(_site.Root, phasedOutput, new BuildOptions(Now: s_now), Phased.PhasedMode.Full).Build();
        Assert.Equal(report.Diagnostics, phased.Diagnostics);
        BuildTests.AssertSameTree(_output, phasedOutput);
    }

    [Theory]
    [InlineData("byte-order mark")]
    [InlineData("empty file")]
    [InlineData("a 10 MB page")]
    [InlineData("a 10,000-row table")]
    [InlineData("binary file beside the pages")]
    [InlineData("a file name with dots")]
    public void Unusual_but_valid_input_builds(string kind)
    {
        Write(kind);
        BuildReport report = Build();
        Assert.True(report.Succeeded, kind + ": " + string.Join("\n", report.Diagnostics));
        AssertOthersBuilt(kind);
        switch (kind)
        {
            case "byte-order mark":
                Assert.Contains("<h1>With a BOM</h1>", File.ReadAllText(Path.Combine(_output, "blog/bom/index.html")), StringComparison.Ordinal);
                break;
            case "empty file":
                SiteDiagnostic warning = Assert.Single(report.Diagnostics);
                Assert.Equal(("content/blog/empty.md", DiagnosticSeverity.Warning), (warning.File, warning.Severity));
                Assert.Contains("the page is empty", warning.Message, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(_output, "blog/empty/index.html")));
                break;
            case "a 10 MB page":
                Assert.Contains("Paragraph 99999.", File.ReadAllText(Path.Combine(_output, "blog/huge/index.html")), StringComparison.Ordinal);
                break;
            case "a 10,000-row table":
                Assert.Equal(10_001, CountOf(File.ReadAllText(Path.Combine(_output, "blog/table/index.html")), "<tr>"));
                break;
            case "a file name with dots":
                Assert.Contains("<h1>Version 1.2</h1>", File.ReadAllText(Path.Combine(_output, "blog/v1.2/index.html")), StringComparison.Ordinal);
                break;
            default:
                Assert.Equal(Encoding.Latin1.GetBytes("\u0089PNG\r\n\u001a\n\0\0\0"), File.ReadAllBytes(Path.Combine(_output, "blog/photo.png")));
                break;
        }
    }

    [Fact]
    public void A_missing_layout_is_the_same_located_error_in_every_strategy_and_a_new_layout_repairs_it()
    {
        Write("layout that does not exist");
        var expected = new SiteDiagnostic("content/blog/bad.md", 3, 9,
            "layout 'does-not-exist' not found (tried: layouts/blog/does-not-exist.hbs, layouts/_default/does-not-exist.hbs): create one of these files or fix the name");
        Assert.Contains(expected, Build().Diagnostics);
        string phasedOutput = Path.Combine(Path.GetDirectoryName(_output)!, "phased");
        string cache = Path.Combine(Path.GetDirectoryName(_output)!, "phased.json");
        foreach (Phased.PhasedMode mode in (Phased.PhasedMode[])[Phased.PhasedMode.Full, Phased.PhasedMode.Incremental])
        {
            BuildReport phased = new Phased.PhasedBuilder(_site.Root, phasedOutput, new BuildOptions(Now: s_now), mode, cache).Build();
            Assert.False(phased.Succeeded);
            Assert.Contains(expected, phased.Diagnostics);
        }

        _site.Write("layouts/_default/does-not-exist.hbs", "<article>{{page.title}} in its own layout</article>");
        BuildReport repaired = Build();
        Assert.True(repaired.Succeeded, string.Join("\n", repaired.Diagnostics));
        Assert.Contains("Bad in its own layout", File.ReadAllText(Path.Combine(_output, "blog/bad/index.html")), StringComparison.Ordinal);
        Assert.True(new Phased.PhasedBuilder(_site.Root, phasedOutput, new BuildOptions(Now: s_now), Phased.PhasedMode.Incremental, cache).Build().Succeeded);
    }

    [Fact]
    public void A_cycle_through_page_content_is_repaired_by_removing_an_include()
    {
        Write("cycle through page content");
        Assert.False(Build().Succeeded);
        _site.Write("content/blog/c.md", "---\ntitle: C\n---\nC includes nothing now.");
        BuildReport repaired = Build();
        Assert.True(repaired.Succeeded, string.Join("\n", repaired.Diagnostics));
        string html = File.ReadAllText(Path.Combine(_output, "blog/bad/index.html"));
        Assert.Contains("<div class=\"included-summary\">\n<p>C includes nothing now.</p>\n</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_link_loops_under_content_are_skipped()
    {
        Directory.CreateSymbolicLink(Path.Combine(_site.Root, "content/blog/loop"), Path.Combine(_site.Root, "content/blog"));
        Directory.CreateSymbolicLink(Path.Combine(_site.Root, "content/self"), Path.Combine(_site.Root, "content/self"));
        BuildReport report = Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        AssertOthersBuilt("symlink loop");
    }

    private BuildReport Build()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        return builder.Build();
    }

    private void AssertOthersBuilt(string kind)
    {
        foreach (string path in (string[])["index.html", "docs/guide/index.html", "tags/go/index.html"])
        {
            Assert.True(File.Exists(Path.Combine(_output, path)), $"{kind}: {path} was not built");
        }

        if (kind.Contains("template", StringComparison.Ordinal) || kind.Contains("helper", StringComparison.Ordinal) || kind.Contains("partial", StringComparison.Ordinal))
        {
            return; // the blog's pages use the broken layout
        }

        Assert.True(File.Exists(Path.Combine(_output, "blog/a/index.html")), kind + ": blog/a/index.html was not built");
        if (kind is not ("two pages claiming one url" or "file names that differ only by case"))
        {
            Assert.True(File.Exists(Path.Combine(_output, "blog/b/index.html")), kind + ": blog/b/index.html was not built");
        }
    }

    private void Write(string kind)
    {
        const string Page = "content/blog/bad.md";
        switch (kind)
        {
            case "malformed front matter":
                Put(Page, "---\ntitle: [unclosed\n---\nBody.");
                break;
            case "layout that does not exist":
                Put(Page, "---\ntitle: Bad\nlayout: does-not-exist\n---\nBody.");
                break;
            case "unterminated front matter":
                Put(Page, "---\ntitle: Never closed\nBody that never starts.");
                break;
            case "tags as a number":
                Put(Page, "---\ntitle: Bad\ntags: 5\n---\nBody.");
                break;
            case "unparsable date":
                Put(Page, "---\ntitle: Bad\ndate: the day after tomorrow\n---\nBody.");
                break;
            case "invalid UTF-8":
                PutBytes(Page, [.. "---\ntitle: Bad\n---\nBody "u8, 0xC3, 0x28, .. " here."u8]);
                break;
            case "binary file as a page":
                PutBytes(Page, [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8]);
                break;
            case "text with NUL bytes":
                PutBytes(Page, [.. "---\ntitle: Bad\n---\nBody "u8, 0, 0, .. " here."u8]);
                break;
            case "two pages claiming one url":
                Put(Page, "---\ntitle: Bad\nslug: b\n---\nBody.");
                break;
            case "file names that differ only by case":
                Put("content/blog/B.md", "---\ntitle: Upper B\n---\nBody.");
                break;
            case "template that is not UTF-8":
                PutBytes("layouts/blog/single.hbs", [.. "<h1>{{title}} "u8, 0xC3, 0x28, .. "</h1>{{{content}}}"u8]);
                break;
            case "template syntax error":
                Put("layouts/blog/single.hbs", "<h1>{{title}}</h1>\n{{#if title}}\nunclosed");
                break;
            case "unknown helper":
                Put("layouts/blog/single.hbs", "<h1>{{frobnicate title}}</h1>");
                break;
            case "missing partial":
                Put("layouts/blog/single.hbs", "<h1>{{title}}</h1>\n{{> nowhere}}");
                break;
            case "recursive partial":
                Put("layouts/partials/loop.hbs", "{{> loop}}");
                Put("layouts/blog/single.hbs", "<h1>{{title}}</h1>{{> loop}}");
                break;
            case "cycle through page content":
                Put(Page, "---\ntitle: Bad\n---\nIncludes C:\n\n{{< summary \"c.md\" >}}\n");
                Put("content/blog/c.md", "---\ntitle: C\n---\nIncludes bad:\n\n{{< summary \"bad.md\" >}}\n");
                break;
            case "slug with path traversal":
                Put(Page, "---\ntitle: Bad\nslug: ../../../escaped\n---\nBody.");
                break;
            case "url with path traversal":
                Put(Page, "---\ntitle: Bad\nurl: /../../escaped/\n---\nBody.");
                break;
            case "static file name with backslashes":
                Put("static/evil\\..\\escaped.txt", "escaped");
                break;
            case "alias with path traversal":
                Put(Page, "---\ntitle: Bad\naliases: [\"/../../escaped.html\"]\n---\nBody.");
                break;
            case "alias with a line break":
                Put(Page, "---\ntitle: Bad\naliases: |\n  ---\n  x\n---\nBody."); // the alias is "---\nx\n"
                break;
            case "url with a tab":
                Put(Page, "---\ntitle: Bad\nurl: \"/a\\tb/\"\n---\nBody.");
                break;
            case "url with an empty segment":
                Put(Page, "---\ntitle: Bad\nurl: /blog//b/\n---\nBody.");
                break;
            case "file name with a line break":
                Put("content/blog/line\nbreak.md", "---\ntitle: Bad\n---\nBody.");
                break;
            case "a file name with dots":
                Put("content/blog/v1.2.md", "---\ntitle: Version 1.2\n---\nBody.");
                break;
            case "byte-order mark":
                PutBytes("content/blog/bom.md", [0xEF, 0xBB, 0xBF, .. "---\ntitle: With a BOM\n---\nBody."u8]);
                break;
            case "empty file":
                Put("content/blog/empty.md", string.Empty);
                break;
            case "a 10 MB page":
                var huge = new StringBuilder("---\ntitle: Huge\n---\n");
                for (int i = 0; i < 100_000; i++)
                {
                    huge.Append("Paragraph ").Append(i).Append(". ").Append('x', 80).Append("\n\n");
                }

                Put("content/blog/huge.md", huge.ToString());
                break;
            case "a 10,000-row table":
                var table = new StringBuilder("---\ntitle: Table\n---\n| n | square |\n|---|---|\n");
                for (int i = 0; i < 10_000; i++)
                {
                    table.Append("| ").Append(i).Append(" | ").Append(i * i).Append(" |\n");
                }

                Put("content/blog/table.md", table.ToString());
                break;
            case "binary file beside the pages":
                PutBytes("content/blog/photo.png", Encoding.Latin1.GetBytes("\u0089PNG\r\n\u001a\n\0\0\0"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private void Put(string path, string text) => PutBytes(path, Encoding.UTF8.GetBytes(text));

    private void PutBytes(string path, byte[] bytes)
    {
        string full = Path.Combine(_site.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static Dictionary<string, long> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".adapt", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => new FileInfo(f).Length + new FileInfo(f).LastWriteTimeUtc.Ticks, StringComparer.Ordinal);
}
