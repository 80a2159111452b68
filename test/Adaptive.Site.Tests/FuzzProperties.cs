using System.Globalization;
using System.Text;
using Adaptive.Testing;

namespace Adaptive.Site.Tests;

/// <summary>
/// Fuzzing: random front matter, Markdown and template text, assembled from the tokens each
/// parser cares about (and stray bytes). A build never crashes and never hangs: it finishes
/// within a bound and reports problems as diagnostics; an incremental build after a random edit
/// does too and equals a cold build; the phased build agrees byte for byte.
/// </summary>
public sealed class FuzzProperties
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    [AdaptProperty(PropertyCases.Fuzz, Arbitrary = new[] { typeof(FuzzSourceArbitrary) })]
    public void Random_sources_only_ever_produce_diagnostics((string FrontMatter, string Body, string Layout, string Partial, string Edit) testCase)
    {
        (string frontMatter, string body, string layout, string partial, string edit) = testCase;
        using var site = new SiteFixture(
            ("adapt.yaml", "title: Fuzz\nbaseUrl: https://example.org/"),
            ("content/a.md", frontMatter + body),
            ("content/b.md", "---\ntitle: B\ntags: [x]\n---\nB links to [a](a.md).\n\n" + edit),
            ("content/c.md", "---\ntitle: C\n---\nC includes a:\n\n{{< summary \"a.md\" >}}\n"),
            ("layouts/_default/single.hbs", layout.Length % 3 == 0 ? "<h1>{{page.title}}</h1>{{> footer}}{{{page.content}}}" : layout),
            ("layouts/partials/footer.hbs", partial),
            ("layouts/shortcodes/kbd.hbs", "<kbd>{{lookup args 0}}</kbd>{{> footer}}"),
            ("data/info.yaml", "motto: m"));
        site.WriteBytes("content/p.png", ImageTests.Picture(24, 16, 1, "png"));
        string output = Directory.CreateTempSubdirectory("adapt-fuzz-").FullName;
        string phased = Directory.CreateTempSubdirectory("adapt-fuzz-phased-").FullName;
        try
        {
            using var builder = new SiteBuilder(site.Root, output, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            BuildReport first = Bounded(() => builder.Build(), "cold build", testCase);

            // An edit: the incremental build equals a cold one and the phased build.
            File.WriteAllText(Path.Combine(site.Root, "content/a.md"), frontMatter + edit + body);
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
    }

    /// <summary>Runs a build with a time bound: a hang is a failure, not a stuck test run. The
    /// bound is wide (a case builds in about a second; a shared 2-core machine under a full test
    /// run has taken 30 s once), and a build that passes it is given as long again, so the failure
    /// says whether the build hung or was only slow.</summary>
    private static BuildReport Bounded(Func<BuildReport> build, string what, object testCase)
    {
        // On a thread of its own, not the pool's: while other tests block pool threads, a pool
        // task may wait for the pool to grow before it starts; the build's own parallel loops
        // run on the calling thread too, so it always makes progress.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Task<BuildReport> task = Task.Factory.StartNew(build, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(s_bound))
        {
            string verdict = task.Wait(s_bound)
                ? string.Create(CultureInfo.InvariantCulture, $"finished after {clock.Elapsed.TotalSeconds:0.0} s (slow, not hung)")
                : string.Create(CultureInfo.InvariantCulture, $"still running after {clock.Elapsed.TotalSeconds:0.0} s (hung)");
            Assert.Fail($"{what} did not finish within {s_bound.TotalSeconds} s: {verdict}, for {Describe(testCase)}");
        }

        return task.Result; // an exception here is a crash: the property fails with it
    }

    private static string Describe(object testCase) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(testCase.ToString() ?? string.Empty));
}
