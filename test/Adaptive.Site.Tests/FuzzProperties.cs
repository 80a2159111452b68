using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Site.Tests;

/// <summary>
/// Fuzzing: random front matter, Markdown and template text, assembled from the tokens each
/// parser cares about (and stray bytes). A build never crashes and never hangs: it finishes
/// within a bound and reports problems as diagnostics; an incremental build after a random edit
/// does too and equals a cold build; the phased build agrees byte for byte.
/// </summary>
public sealed class FuzzProperties
{
    private static readonly int s_cases =
        int.TryParse(Environment.GetEnvironmentVariable("ADAPT_FUZZ_CASES"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 120;

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private static readonly string[] s_yaml =
    [
        "title: ", "tags: ", "categories: ", "date: ", "draft: ", "slug: ", "url: ", "aliases: ", "weight: ", "summary: ", "layout: ", "menu: ",
        "true", "no", "2024-01-31", "2024-13-45", "10:30", "-1", "1e309", "[", "]", "{", "}", ": ", ", ", "- ", "\n", "\n  ", "'", "\"", "&a ", "*a",
        "!!binary ", "!!int ", "%YAML 1.2\n", "---\n", "...\n", "\t", "é", "\u2028", "\uFEFF", "#", "|\n  ", ">-\n  ", "../", "/x/", "? ", "~", "null",
    ];

    private static readonly string[] s_markdown =
    [
        "# ", "## ", "###### ", "*", "**", "_", "`", "```\n", "~~~", "[", "](", ")", "![", "|", "|---|", "\n", "\n\n", "> ", "- ", "1. ", "<div>", "</div>",
        "<script>", "</script>", "{{< summary \"", "b.md", "a.md", "c.md", "\" >}}", "<!--more-->", "[^1]", "[^1]: ", "http://x.org", "../", "&amp;", "<", ">",
        "\\", "    code", "- [ ] ", "word ", "word ", "word ", "\t", "é", "\u200b", "\r\n", "<!--", "-->", "---\n", "\0",
    ];

    private static readonly string[] s_template =
    [
        "{{", "}}", "{{{", "}}}", "#if ", "/if", "#each ", "/each", "#with ", "/with", "else", "> ", "footer", "loop", "page.title", "page.content",
        "{{{page.content}}}", "{{page.title}}", "site.title", "this", "@index", "../", "lookup ", "(", ")", "\"", "<html>", "\n", "{{!", "--}}", "~",
        "date page.date \"yyyy\"", "asset site.assets \"css/x.css\"", "page.tags", "site.data.info", "<a href=\"/nowhere/\">", "</a>",
    ];

    [Fact]
    public void Random_sources_only_ever_produce_diagnostics()
    {
        Gen<string> Text(string[] tokens, int max) =>
            from count in Gen.Choose(0, max)
            from parts in Gen.ArrayOf(Gen.Elements(tokens), count)
            select string.Concat(parts);
        Gen<(string FrontMatter, string Body, string Layout, string Partial, string Edit)> cases =
            from frontMatter in Text(s_yaml, 24)
            from body in Text(s_markdown, 60)
            from layout in Text(s_template, 24)
            from partial in Text(s_template, 8)
            from edit in Text(s_markdown, 20)
            select (frontMatter, body, layout, partial, edit);

        Prop.ForAll(cases.ToArbitrary(), testCase =>
        {
            (string frontMatter, string body, string layout, string partial, string edit) = testCase;
            using var site = new SiteFixture(
                ("adapt.yaml", "title: Fuzz\nbaseUrl: https://example.org/"),
                ("content/a.md", "---\n" + frontMatter + "\n---\n" + body),
                ("content/b.md", "---\ntitle: B\ntags: [x]\n---\nB links to [a](a.md).\n\n" + edit),
                ("content/c.md", "---\ntitle: C\n---\nC includes a:\n\n{{< summary \"a.md\" >}}\n"),
                ("layouts/_default/single.hbs", layout.Length % 3 == 0 ? "<h1>{{page.title}}</h1>{{> footer}}{{{page.content}}}" : layout),
                ("layouts/partials/footer.hbs", partial),
                ("data/info.yaml", "motto: m"));
            string output = Directory.CreateTempSubdirectory("adapt-fuzz-").FullName;
            string phased = Directory.CreateTempSubdirectory("adapt-fuzz-phased-").FullName;
            try
            {
                using var builder = new SiteBuilder(site.Root, output, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
                BuildReport first = Bounded(() => builder.Build(), "cold build", testCase);

                // An edit: the incremental build equals a cold one and the phased build.
                File.WriteAllText(Path.Combine(site.Root, "content/a.md"), "---\n" + frontMatter + "\n---\n" + edit + body);
                BuildReport incremental = Bounded(() => builder.Build(refreshAll: true), "incremental build", testCase);
                var phasedBuilder = new Phased.PhasedBuilder(site.Root, phased, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), Phased.PhasedMode.Full);
                BuildReport phasedReport = Bounded(() => phasedBuilder.Build(), "phased build", testCase);
                Assert.Equal(string.Join("\n", phasedReport.Diagnostics), string.Join("\n", incremental.Diagnostics));
                BuildTests.AssertSameTree(phased, output);
                Assert.All(first.Diagnostics.Concat(incremental.Diagnostics), d => Assert.DoesNotContain("   at ", d.Message, StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(output, recursive: true);
                if (Directory.Exists(phased))
                {
                    Directory.Delete(phased, recursive: true);
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(s_cases));
    }

    /// <summary>Runs a build with a time bound: a hang is a failure, not a stuck test run.</summary>
    private static BuildReport Bounded(Func<BuildReport> build, string what, object testCase)
    {
        Task<BuildReport> task = Task.Run(build);
        if (!task.Wait(s_bound))
        {
            Assert.Fail($"{what} did not finish within {s_bound.TotalSeconds} s for {Describe(testCase)}");
        }

        return task.Result; // an exception here is a crash: the property fails with it
    }

    private static string Describe(object testCase) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(testCase.ToString() ?? string.Empty));
}
