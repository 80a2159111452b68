using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Adaptive.Bench.Corpus;
using Adaptive.Site;
using Adaptive.Site.Phased;

namespace Adaptive.Benchmarks.Site;

/// <summary>
/// `strategies [PAGES]`: for each kind of edit on a generated site, what the adaptive build (a
/// live process), the phased incremental build and the phased full build render and write, and
/// how long each takes — all in one run, with every output tree checked against the others.
/// </summary>
internal static partial class StrategyRunner
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static int Run(TextWriter output, int pages)
    {
        string root = Directory.CreateTempSubdirectory("adapt-bench-strategies-").FullName;
        try
        {
            CorpusInfo corpus = SiteRunner.Generate(root, pages).Corpus;
            string adaptiveOut = Path.Combine(root, "out-adaptive");
            string phasedOut = Path.Combine(root, "out-phased");
            string fullOut = Path.Combine(root, "out-full");
            string cache = Path.Combine(root, "phased-cache.json");
            using var adaptive = new SiteBuilder(root, adaptiveOut, s_options);
            var phased = new PhasedBuilder(root, phasedOut, s_options, PhasedMode.Incremental, cache);
            var full = new PhasedBuilder(root, fullOut, s_options, PhasedMode.Full);

            output.WriteLine("| edit | adaptive: outputs re-rendered / memos executed / written / ms | phased incremental: rendered / written / ms | phased full: rendered / ms |");
            output.WriteLine("|---|---|---|---|");
            Row(output, "cold", () => { }, adaptive, phased, full, adaptiveOut, phasedOut, fullOut);
            string full0 = Path.Combine(root, corpus.EditPage);
            (string Name, Action Edit)[] edits =
            [
                ("no-op", () => { }),
                ("body edit", () => File.AppendAllText(full0, "\nAnother paragraph.\n")),
                ("title edit", () => File.WriteAllText(full0, TitleLine().Replace(File.ReadAllText(full0), "title: Renamed page", 1))),
                ("tag added", () => File.WriteAllText(full0, File.ReadAllText(full0).Replace("tags: [", "tags: [fresh, ", StringComparison.Ordinal))),
                ("template edit (section)", () => Write(root, corpus.SectionLayout, "<h1>{{page.title}}</h1>{{{page.content}}}")),
                ("partial edit", () => Write(root, corpus.Partial, "<footer>edited</footer>")),
                ("data file edit", () => File.AppendAllText(Path.Combine(root, corpus.DataFile), "motto: edited\n")),
                ("page added", () => Write(root, corpus.NewPage, "---\ntitle: New\ndate: 2024-05-05\ntags: [t1]\n---\nNew page.")),
                ("page deleted", () => File.Delete(Path.Combine(root, corpus.DeletePage))),
                ("config edit", () => Write(root, "adapt.yaml", File.ReadAllText(Path.Combine(root, "adapt.yaml")).Replace("description: ", "description: Edited. ", StringComparison.Ordinal))),
            ];
            foreach ((string name, Action edit) in edits)
            {
                Row(output, name, edit, adaptive, phased, full, adaptiveOut, phasedOut, fullOut);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string root, string path, string text)
    {
        string full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static void Row(TextWriter output, string name, Action edit, SiteBuilder adaptive, PhasedBuilder phased, PhasedBuilder full, string adaptiveOut, string phasedOut, string fullOut)
    {
        edit();
        var clock = Stopwatch.StartNew();
        BuildReport a = adaptive.Build(refreshAll: true);
        double aMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        BuildReport p = phased.Build();
        double pMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        BuildReport f = full.Build();
        double fMs = clock.Elapsed.TotalMilliseconds;
        string check = OutputTree.Hash(adaptiveOut) == OutputTree.Hash(phasedOut) && OutputTree.Hash(phasedOut) == OutputTree.Hash(fullOut) ? string.Empty : " **OUTPUTS DIFFER**";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name}{check} | {a.Rendered} / {a.Work.Executions} / {a.Written.Count + a.Deleted.Count} / {aMs:F0} | {p.Rendered} / {p.Written.Count + p.Deleted.Count} / {pMs:F0} | {f.Rendered} / {fMs:F0} |"));
    }

    [GeneratedRegex("^title: .*$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();
}
