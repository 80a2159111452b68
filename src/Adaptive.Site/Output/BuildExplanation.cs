using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>
/// Why a build re-rendered its outputs: for each output whose memo executed, the chain from the
/// changed input through the memos that executed because of it, as <c>name — reason</c> lines
/// (input first). What <c>adapt explain</c> reports.
/// </summary>
/// <param name="Outputs">Output path → output key, for the outputs the build re-rendered or
/// wrote (the other files of the output folder were not rebuilt). Not every output of a large
/// site: the explanation is kept by every build.</param>
/// <param name="Chains">Output path → its chain, for the outputs whose memo executed.</param>
public sealed record BuildExplanation(
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, List<string>> Chains)
{
    /// <summary>Follows each executed output memo back through the reasons its steps executed.</summary>
    internal static BuildExplanation Of(Site site, BuildReport report, ExecutionLog log)
    {
        var executed = new HashSet<Node>(log.Memos, ReferenceEqualityComparer.Instance);
        var chainOf = new Dictionary<string, List<string>>(StringComparer.Ordinal); // by output key
        string prefix = site.TableOf(SiteLogic.Output).Name + "[";
        foreach (Node node in executed)
        {
            if (node is not Memo memo || !memo.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var chain = new List<string>();
            Node? current = memo;
            while (current is Memo step && executed.Contains(step))
            {
                ExecutionReason reason = step.LastExecution;
                chain.Add(step.Name + " — " + reason);
                current = reason.Kind == ExecutionReasonKind.DependencyChanged ? reason.Dependency : null;
            }

            if (current is not null and not Memo)
            {
                chain.Add(current.Name + " — changed");
            }

            chain.Reverse();
            chainOf[memo.Name[prefix.Length..^1]] = chain;
        }

        var written = new HashSet<string>(report.Written, StringComparer.Ordinal);
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var chains = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            foreach (OutputEntry entry in site.Outputs)
            {
                bool rebuilt = chainOf.TryGetValue(entry.Key, out List<string>? chain);
                if (rebuilt)
                {
                    chains[entry.Path] = chain!;
                }

                if (rebuilt || written.Contains(entry.Path))
                {
                    outputs[entry.Path] = entry.Key;
                }
            }
        }
        catch (SiteException)
        {
            // the configuration is broken: nothing was built
        }

        return new BuildExplanation(outputs, chains);
    }
}
