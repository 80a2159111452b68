using Adaptive.Core;
using Adaptive.Bench.Corpus;

namespace Adaptive.Site.Tests;

/// <summary>
/// A new process on the saved trace (<c>adapt build</c>) renders exactly the outputs that a live
/// process (<c>adapt watch</c>) renders for the same edit, for every edit kind of <c>adapt
/// bench</c> and its revert, and both equal a cold build. A live process cuts off an output
/// computed again to its previous bytes; a new process has no previous value in memory and must
/// find it in the trace, or it re-renders every output the edit reached (issue 14: a tag added
/// re-rendered 96 outputs in a new process and 5 in a live one).
/// </summary>
public sealed class NewProcessParityTests
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(CorpusScenario.Docs, 20)]
    [InlineData(CorpusScenario.Api, 12)]
    public void A_new_process_renders_what_a_live_process_renders_after_every_bench_edit(CorpusScenario scenario, int pages)
    {
        string work = Directory.CreateTempSubdirectory("adapt-parity-").FullName;
        try
        {
            // Three copies of one generated site (the generator is deterministic).
            string liveSite = Path.Combine(work, "live");
            string newSite = Path.Combine(work, "new");
            string referenceSite = Path.Combine(work, "reference");
            IReadOnlyList<CorpusEdit> edits = CorpusEdit.For(CorpusGenerator.Generate(scenario, liveSite, pages));
            CorpusGenerator.Generate(scenario, newSite, pages);
            CorpusGenerator.Generate(scenario, referenceSite, pages);
            string liveOutput = Path.Combine(work, "live-public");
            string newOutput = Path.Combine(work, "new-public");

            Directory.CreateDirectory(Path.Combine(liveSite, ".adapt"));
            using LiteDbTraceStore liveTrace = LiteDbTraceStore.Open(Path.Combine(liveSite, ".adapt", "trace.db"));
            using var live = new SiteBuilder(liveSite, liveOutput, s_options, liveTrace);
            Assert.True(live.Build().Succeeded);
            Assert.True(BuildInNewProcess(newSite, newOutput).Report.Succeeded);

            SortedDictionary<string, string> pristine = ColdTree(referenceSite, Path.Combine(work, "cold"));
            var differences = new List<string>();
            foreach (CorpusEdit edit in edits)
            {
                foreach (bool revert in (bool[])[false, true])
                {
                    string step = revert ? edit.Name + ", reverted" : edit.Name;
                    foreach (string site in (string[])[liveSite, newSite, referenceSite])
                    {
                        if (revert)
                        {
                            edit.Revert(site);
                        }
                        else
                        {
                            edit.Apply(site);
                        }
                    }

                    BuildReport liveReport;
                    List<string> liveExecuted;
                    using (ExecutionLog log = live.Runtime.RecordExecutions())
                    {
                        liveReport = live.Build(refreshAll: true); // finds what a watcher would name
                        liveExecuted = OutputsExecuted(log);
                    }

                    (BuildReport newReport, List<string> newExecuted) = BuildInNewProcess(newSite, newOutput);
                    SortedDictionary<string, string> cold = revert ? pristine : ColdTree(referenceSite, Path.Combine(work, "cold"));
                    Assert.True(cold.SequenceEqual(OutputTree.Files(liveOutput)), $"after '{step}' the live output differs from a cold build");
                    Assert.True(cold.SequenceEqual(OutputTree.Files(newOutput)), $"after '{step}' the new process's output differs from a cold build");
                    if (!liveReport.RenderedPaths.SequenceEqual(newReport.RenderedPaths) || !liveReport.Written.SequenceEqual(newReport.Written))
                    {
                        differences.Add($"{step}: rendered {newReport.Rendered} by a new process, {liveReport.Rendered} live"
                            + $" (only new: {string.Join(", ", newReport.RenderedPaths.Except(liveReport.RenderedPaths).Take(5))};"
                            + $" only live: {string.Join(", ", liveReport.RenderedPaths.Except(newReport.RenderedPaths).Take(5))});"
                            + $" written {newReport.Written.Count} and {liveReport.Written.Count}");
                    }

                    // And they compute the same outputs to get there — except when a revert
                    // brings back outputs that the edit had removed: a live process still holds
                    // their old results, the trace dropped them when it was saved.
                    if (!revert && !liveExecuted.SequenceEqual(newExecuted))
                    {
                        differences.Add($"{step}: {newExecuted.Count} outputs computed by a new process, {liveExecuted.Count} live"
                            + $" (only new: {string.Join(", ", newExecuted.Except(liveExecuted).Take(5))};"
                            + $" only live: {string.Join(", ", liveExecuted.Except(newExecuted).Take(5))})");
                    }
                }
            }

            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>What <c>adapt build</c> does: a new runtime on the site's trace.</summary>
    private static (BuildReport Report, List<string> OutputsExecuted) BuildInNewProcess(string site, string output)
    {
        Directory.CreateDirectory(Path.Combine(site, ".adapt"));
        using LiteDbTraceStore trace = LiteDbTraceStore.Open(Path.Combine(site, ".adapt", "trace.db"));
        using var builder = new SiteBuilder(site, output, s_options, trace);
        using ExecutionLog log = builder.Runtime.RecordExecutions();
        return (builder.Build(), OutputsExecuted(log));
    }

    /// <summary>The output memos that executed, by name, sorted.</summary>
    private static List<string> OutputsExecuted(ExecutionLog log) =>
        [.. log.Names.Where(name => name.Contains(".Output[", StringComparison.Ordinal))];

    private static SortedDictionary<string, string> ColdTree(string site, string output)
    {
        try
        {
            using (var builder = new SiteBuilder(site, output, s_options))
            {
                builder.Build();
            }

            return OutputTree.Files(output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
