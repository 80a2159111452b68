using Adaptive.Core;
using System.Globalization;
using Adaptive.Testing;

namespace Adaptive.Site.Tests;

/// <summary>
/// The site generator's incremental correctness, and the differential test of the two build
/// strategies: random sites (sections, pages, dates, tags,
/// drafts, cross-references, slugs, section layouts, a partial, a data file, pagination, code
/// blocks, shortcodes, processed images) and random edit sequences (bodies, front matter, tags,
/// drafts, slugs, adds, deletes, renames, templates (a layout processing an image), shortcode templates, images, data, config, same-size rewrites with the modification time restored); after every
/// edit the adaptive incremental build (a live graph, as in a watch), a new process on the saved
/// trace, the phased incremental build and the phased full build each produce the output tree
/// of a cold adaptive build, byte for byte, with the same diagnostics. The cold build itself is
/// a build of the same site into a second folder while the live graph runs.
/// </summary>
public sealed partial class SiteProperties
{
    private static readonly string[] s_sections = ["blog", "docs", "blog/deep"];
    private static readonly string[] s_tags = ["go", "web", "Go", "rust"];
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [AdaptProperty(PropertyCases.SiteDifferential, Arbitrary = new[] { typeof(SiteEditArbitrary) })]
    public void Incremental_builds_equal_cold_builds_after_any_edit_sequence((int[] Pages, int[] Edits) testCase)
    {
        (int[] pageSeeds, int[] editSeeds) = testCase;
        Dictionary<string, string> files = InitialFiles(pageSeeds);
        using SiteFixture site = NewSite(files);
        string output = Directory.CreateTempSubdirectory("adapt-prop-").FullName;
        string phasedOutput = Directory.CreateTempSubdirectory("adapt-prop-phased-").FullName;
        string phasedFullOutput = Directory.CreateTempSubdirectory("adapt-prop-phased-full-").FullName;
        string phasedCache = Path.Combine(Directory.CreateTempSubdirectory("adapt-prop-cache-").FullName, "phased.json");
        string traced = Directory.CreateTempSubdirectory("adapt-prop-traced-").FullName;
        string trace = Path.Combine(Path.GetDirectoryName(phasedCache)!, "trace.db");
        try
        {
            BuildInNewProcess(site.Root, traced, trace);
            using var builder = new SiteBuilder(site.Root, output, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            var phased = new Phased.PhasedBuilder(site.Root, phasedOutput, s_options, Phased.PhasedMode.Incremental, phasedCache);
            var phasedFull = new Phased.PhasedBuilder(site.Root, phasedFullOutput, s_options, Phased.PhasedMode.Full);
            builder.Build();
            phased.Build();
            for (int e = 0; e < editSeeds.Length / 4; e++)
            {
                string description = Edit(site, files, pageSeeds, editSeeds.AsSpan(e * 4, 4), e + 1);
                BuildReport incremental = builder.Build(refreshAll: true);
                BuildReport phasedIncremental = phased.Build();
                BuildReport phasedEverything = phasedFull.Build();
                BuildReport newProcess = BuildInNewProcess(site.Root, traced, trace);
                (SortedDictionary<string, string> cold, string coldDiagnostics) = ColdBuild(site.Root);
                Assert.True(cold.SequenceEqual(OutputTree.Files(traced)), $"after edit {e + 1} ({description}) a new process on the trace differs from a cold build: {Difference(cold, OutputTree.Files(traced))}");
                Assert.Equal(coldDiagnostics, string.Join("\n", newProcess.Diagnostics));
                Assert.True(cold.SequenceEqual(OutputTree.Files(phasedOutput)), $"after edit {e + 1} ({description}) the phased incremental output differs from a cold build: {Difference(cold, OutputTree.Files(phasedOutput))}");
                Assert.True(cold.SequenceEqual(OutputTree.Files(phasedFullOutput)), $"after edit {e + 1} ({description}) the phased full output differs from a cold build: {Difference(cold, OutputTree.Files(phasedFullOutput))}");
                Assert.Equal(coldDiagnostics, string.Join("\n", phasedIncremental.Diagnostics));
                Assert.Equal(coldDiagnostics, string.Join("\n", phasedEverything.Diagnostics));
                SortedDictionary<string, string> incrementalTree = OutputTree.Files(output);
                if (!cold.SequenceEqual(incrementalTree) && Environment.GetEnvironmentVariable("ADAPT_PROP_DUMP") is { } dump)
                {
                    Directory.CreateDirectory(dump);
                    foreach ((string name, string text) in files)
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dump, name))!);
                        File.WriteAllText(Path.Combine(dump, name), text);
                    }

                    File.WriteAllText(Path.Combine(dump, "report.txt"), string.Join("\n", incremental.Written) + "\n--\n" + string.Join("\n", incremental.Deleted) + "\n--\n" + string.Join("\n", incremental.Diagnostics));
                }

                Assert.True(cold.SequenceEqual(incrementalTree), $"after edit {e + 1} ({description}) the output differs from a cold build: {Difference(cold, incrementalTree)}");
                Assert.Equal(coldDiagnostics, string.Join("\n", incremental.Diagnostics));
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(phasedOutput, recursive: true);
            Directory.Delete(phasedFullOutput, recursive: true);
            Directory.Delete(Path.GetDirectoryName(phasedCache)!, recursive: true);
            Directory.Delete(traced, recursive: true);
        }
    }

    /// <summary>A clock an hour ahead: every file looks settled, so stats vouch for contents
    /// and the stat path, not the hash, decides what a new process reads. Edits that keep the
    /// size and the modification time wait one timestamp tick first, as a real edit after a
    /// build would (see <see cref="SameSizeRewrite"/>).</summary>
    private static readonly TimeProvider s_lateClock = new LateClock();

    private static BuildReport BuildInNewProcess(string root, string output, string trace)
    {
        // As `adapt build` does: a sealed output with nothing changed is replayed, not built.
        if (SiteBuilder.TryReplay(root, output, s_options, s_lateClock) is { } replayed)
        {
            return replayed;
        }

        // A single build, as `adapt build`: green results adopted without their subgraph, green
        // outputs kept without a memo, the listing proven by the seal's folder stamps.
        using LiteDbTraceStore store = LiteDbTraceStore.Open(trace);
        using var builder = new SiteBuilder(root, output, s_options, store, s_lateClock, singleBuild: true);
        return builder.Build();
    }

    private sealed class LateClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddHours(1);
    }

    [AdaptProperty(PropertyCases.SiteCopy, Arbitrary = new[] { typeof(SiteEditArbitrary) })]
    public void A_fresh_copy_of_the_site_with_its_trace_and_output_restored_builds_nothing_and_equals_a_cold_build((int[] Pages, int[] Edits) testCase)
    {
        (int[] pageSeeds, int[] editSeeds) = testCase;
        Dictionary<string, string> files = InitialFiles(pageSeeds);
        using SiteFixture site = NewSite(files);
        string work = Directory.CreateTempSubdirectory("adapt-prop-copy-").FullName;
        try
        {
            string output = Path.Combine(work, "public");
            string trace = Path.Combine(work, "state", "trace.db");
            Directory.CreateDirectory(Path.GetDirectoryName(trace)!);
            BuildInNewProcess(site.Root, output, trace);
            for (int e = 0; e < editSeeds.Length / 4; e++)
            {
                Edit(site, files, pageSeeds, editSeeds.AsSpan(e * 4, 4), e + 1);
                BuildInNewProcess(site.Root, output, trace);
            }

            BuildReport atHome = BuildInNewProcess(site.Root, output, trace); // a no-op where it was built

            // What a CI runner does: a fresh clone (every file new: times, inodes) with the
            // state folder and the output folder restored from its cache.
            string clone = Path.Combine(work, "clone");
            CopyTree(site.Root, Path.Combine(clone, "site"));
            CopyTree(output, Path.Combine(clone, "public"));
            CopyTree(Path.GetDirectoryName(trace)!, Path.Combine(clone, "state"));
            BuildReport restored = BuildInNewProcess(Path.Combine(clone, "site"), Path.Combine(clone, "public"), Path.Combine(clone, "state", "trace.db"));

            (SortedDictionary<string, string> cold, string coldDiagnostics) = ColdBuild(Path.Combine(clone, "site"));
            Assert.True(cold.SequenceEqual(OutputTree.Files(Path.Combine(clone, "public"))), "the restored build differs from a cold build: " + Difference(cold, OutputTree.Files(Path.Combine(clone, "public"))));
            Assert.Equal(coldDiagnostics, string.Join("\n", restored.Diagnostics));
            Assert.True(restored.Written.Count == 0 && restored.Deleted.Count == 0, "wrote " + string.Join(", ", restored.Written) + "; deleted " + string.Join(", ", restored.Deleted));
            Assert.Equal((atHome.Rendered, atHome.Work.Executions), (restored.Rendered, restored.Work.Executions)); // no more than a no-op at home (outputs that fail are computed again by every process)
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target); // a new file: new inode, new times
        }
    }

    /// <summary>A disableKinds line from the bits of <paramref name="bits"/> (often none): output
    /// kinds turned off and on again are edits like any other.</summary>
    private static string DisableKinds(int bits)
    {
        string[] kinds = ["rss", "term", "taxonomy", "section", "sitemap", "page", "404", "search"];
        var chosen = new List<string>();
        for (int i = 0; i < kinds.Length; i++)
        {
            if (((bits >> (i + 2)) & 1) == 1 && (bits & 3) == 0)
            {
                chosen.Add(kinds[i]);
            }
        }

        return chosen.Count == 0 ? string.Empty : "\ndisableKinds: [" + string.Join(", ", chosen) + "]";
    }

    private static Dictionary<string, string> InitialFiles(int[] pageSeeds)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["adapt.yaml"] = "title: Random\nbaseUrl: https://example.org/\npagination: 2",
            ["layouts/partials/footer.hbs"] = "<footer>f0</footer>",
            ["layouts/docs/single.hbs"] = "<h1>{{page.title}}</h1><p>{{site.data.info.motto}}</p>{{{page.content}}}",
            ["data/info.yaml"] = "motto: m0",
            ["layouts/shortcodes/kbd.hbs"] = "<kbd>{{lookup args 0}}</kbd>",
        };
        for (int i = 0; i < 8; i++)
        {
            files[PagePath(i, pageSeeds)] = Page(i, pageSeeds.AsSpan(i * 5, 5), version: 0, CrossReference(i, pageSeeds));
        }

        return files;
    }

    private static string PagePath(int i, int[] seeds) =>
        "content/" + s_sections[seeds[i * 5] % s_sections.Length] + "/p" + i.ToString(CultureInfo.InvariantCulture) + ".md";

    /// <summary>A link from page <paramref name="i"/> to p0's source, relative to its folder (it
    /// breaks when p0 moves or is deleted: an error both builds must report).</summary>
    private static string CrossReference(int i, int[] seeds)
    {
        string from = Path.GetDirectoryName(PagePath(i, seeds))!;
        return Path.GetRelativePath(from, PagePath(0, seeds)).Replace('\\', '/');
    }

    /// <summary>Applies one random edit to the files on disk; returns what it did.</summary>
    private static string Edit(SiteFixture site, Dictionary<string, string> files, int[] pageSeeds, ReadOnlySpan<int> seed, int version)
    {
        int page = seed[1] % 8;
        string path = PagePath(page, pageSeeds);
        int[] pageSeed = pageSeeds.AsSpan(page * 5, 5).ToArray();
        switch (seed[0] % 12)
        {
            case 0:
                Write(site, files, path, files.GetValueOrDefault(path, Page(page, pageSeed, 0, CrossReference(page, pageSeeds))).Replace("Second paragraph.", "Second paragraph, edited " + version + ".", StringComparison.Ordinal));
                return "body of " + path;
            case 1:
                pageSeed[1] = seed[2];
                pageSeed[2] = seed[3];
                Write(site, files, path, Page(page, pageSeed, version, CrossReference(page, pageSeeds)));
                return "front matter of " + path;
            case 2:
                pageSeed[4] = seed[2];
                Write(site, files, path, Page(page, pageSeed, version, CrossReference(page, pageSeeds)));
                return "tags of " + path;
            case 3:
                if (files.Remove(path))
                {
                    File.Delete(Path.Combine(site.Root, path));
                    return "deleted " + path;
                }

                Write(site, files, path, Page(page, pageSeed, version, CrossReference(page, pageSeeds)));
                return "re-added " + path;
            case 4:
                string added = "content/" + s_sections[seed[2] % s_sections.Length] + "/n" + version.ToString(CultureInfo.InvariantCulture) + ".md";
                Write(site, files, added, Page(100 + version, [seed[2], seed[3], seed[2], seed[3], seed[2]], version));
                return "added " + added;
            case 5 when seed[2] % 3 != 0:
                return ShortcodeTemplateEdit(site, files, seed[2], version);
            case 5:
                Write(site, files, "layouts/partials/footer.hbs", "<footer>f" + version + "</footer>");
                return "partial";
            case 6:
                Write(site, files, "adapt.yaml", "title: Random " + (seed[2] % 2) + "\nbaseUrl: https://example.org/\npagination: " + (1 + (seed[2] % 3)) + DisableKinds(seed[3])
                    + (seed[2] / 6 % 2 == 1 ? "\nminify: true" : string.Empty));
                return "config";
            case 8 when seed[2] % 2 == 1:
                site.WriteBytes(ImagePath, ImageTests.Picture(40, 30, (byte)version, "png"), refresh: false);
                return "image " + ImagePath;
            case 8:
                Write(site, files, "data/info.yaml", "motto: m" + version);
                return "data file";
            case 9:
                if (files.Remove("layouts/blog/single.hbs"))
                {
                    File.Delete(Path.Combine(site.Root, "layouts/blog/single.hbs"));
                    return "deleted the blog layout";
                }

                // With a processed image: the site's layouts then use the image helper (their
                // pages render through another value), and deleting the layout drops its variants.
                Write(site, files, "layouts/blog/single.hbs", "<article>{{page.title}} {{#each page.tags}}{{name}} {{/each}}"
                    + $"{{{{#with (image images \"/img/p.png\" width={12 + (version % 3 * 4)})}}}}<img src=\"{{{{url}}}}\" srcset=\"{{{{srcset}}}}\">{{{{/with}}}}{{{{{{page.content}}}}}}</article>");
                return "added a blog layout showing a picture";
            case 10:
                if (!files.TryGetValue(path, out string? moved))
                {
                    return "nothing to rename";
                }

                string target = "content/" + s_sections[seed[2] % s_sections.Length] + "/r" + version.ToString(CultureInfo.InvariantCulture) + ".md";
                files.Remove(path);
                File.Delete(Path.Combine(site.Root, path));
                Write(site, files, target, moved);
                return "renamed " + path + " to " + target;
            case 7:
                return SameSizeRewrite(site, files, path);
            case 11:
                Write(site, files, path, Page(page, pageSeed, version, CrossReference(page, pageSeeds), slug: "s" + (seed[2] % 3)));
                return "slug of " + path;
            default:
                Write(site, files, path, Page(page, pageSeed, version, CrossReference(page, pageSeeds), draft: seed[2] % 2 != 0));
                return "draft toggle of " + path;
        }
    }

    /// <summary>Rewrites a page with other bytes of the same length and puts its modification
    /// time back (touch -r, cp -p, rsync -t, tar, a restore from backup): only the change time
    /// and the content tell.</summary>
    private static string SameSizeRewrite(SiteFixture site, Dictionary<string, string> files, string path)
    {
        if (!files.TryGetValue(path, out string? text))
        {
            return "nothing to rewrite";
        }

        string full = Path.Combine(site.Root, path);
        DateTime modified = File.GetLastWriteTimeUtc(full);
        string rewritten = text.Contains("Second paragraph.", StringComparison.Ordinal)
            ? text.Replace("Second paragraph.", "SECOND PARAGRAPH.", StringComparison.Ordinal)
            : text.Replace("SECOND PARAGRAPH.", "Second paragraph.", StringComparison.Ordinal);
        Thread.Sleep(20); // a later timestamp tick than the build that read it (FileStat.RacyWindow)
        Write(site, files, path, rewritten);
        File.SetLastWriteTimeUtc(full, modified);
        return "same-size rewrite of " + path + " with its modification time restored";
    }

    private static void Write(SiteFixture site, Dictionary<string, string> files, string path, string text)
    {
        files[path] = text;
        string full = Path.Combine(site.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static (SortedDictionary<string, string> Tree, string Diagnostics) ColdBuild(string root)
    {
        string output = Directory.CreateTempSubdirectory("adapt-prop-cold-").FullName;
        try
        {
            using var builder = new SiteBuilder(root, output, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            BuildReport report = builder.Build();
            return (OutputTree.Files(output), string.Join("\n", report.Diagnostics));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string Difference(SortedDictionary<string, string> cold, SortedDictionary<string, string> incremental) =>
        string.Join(", ", cold.Keys.Union(incremental.Keys).Where(k => cold.GetValueOrDefault(k) != incremental.GetValueOrDefault(k))
            .Select(k => k + (cold.ContainsKey(k) ? incremental.ContainsKey(k) ? " (bytes)" : " (missing)" : " (extra)")));
}
