using System.Text.Json;
using Adaptive.Cli.Terminal;

namespace Adaptive.Cli.Commands;

/// <summary>
/// <c>adapt explain FILE</c>: why an output was rebuilt in the last adaptive build — the chain
/// from the input that changed through every memo that executed to the output — or, for a
/// source file, which outputs its change rebuilt.
/// </summary>
internal static class ExplainCommand
{
    public static int Run(ExplainVerb options)
    {
        var reporter = new Reporter(options.Json);
        SitePaths paths = SitePaths.Resolve(options);
        if (!File.Exists(paths.LastBuild))
        {
            throw new UsageException("there is no adaptive build to explain yet: run 'adapt build' first");
        }

        LastBuild last = JsonSerializer.Deserialize(File.ReadAllText(paths.LastBuild), LastBuildJson.Default.LastBuild)!;
        string full = Path.GetFullPath(options.File);
        string fromOutput = Path.GetRelativePath(paths.Output, full).Replace('\\', '/');
        string fromSource = Path.GetRelativePath(paths.Source, full).Replace('\\', '/');
        string asGiven = options.File.Replace('\\', '/').TrimStart('/');
        string? output = last.Outputs.ContainsKey(fromOutput) ? fromOutput : last.Outputs.ContainsKey(asGiven) ? asGiven : null;
        if (output is not null)
        {
            return ExplainOutput(reporter, options.Json, last, output);
        }

        if (File.Exists(full) && !fromOutput.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(fromOutput))
        {
            // A file of the output folder that the last build neither re-rendered nor wrote (the
            // explanation lists only those): nothing it depends on changed.
            return ExplainOutput(reporter, options.Json, last with { Outputs = new Dictionary<string, string> { [fromOutput] = fromOutput } }, fromOutput);
        }

        string source = File.Exists(Path.Combine(paths.Source, asGiven)) && !asGiven.StartsWith("..", StringComparison.Ordinal) ? asGiven : fromSource;
        if (source.StartsWith("..", StringComparison.Ordinal) || !File.Exists(Path.Combine(paths.Source, source)) && !Changed(last, source).Any())
        {
            throw new UsageException($"'{options.File}' is neither an output of the last build nor a file of the site");
        }

        return ExplainSource(reporter, options.Json, last, source);
    }

    private static int ExplainOutput(Reporter reporter, bool json, LastBuild last, string output)
    {
        bool written = last.Written.Contains(output);
        List<string> chain = last.Chains.TryGetValue(output, out List<string>? found) ? found : [];
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { file = output, rebuilt = chain.Count > 0, written, chain }));
            return ExitCodes.Success;
        }

        if (chain.Count == 0)
        {
            reporter.Line($"{output} was not rebuilt in the last build ({last.Time:u}): nothing it depends on changed.");
        }
        else
        {
            reporter.Line($"{output} was rebuilt in the last build ({last.Time:u}){(written ? " and written (its bytes changed)" : ", to the same bytes (not written)")}:");
            PrintChain(reporter, chain);
        }

        return ExitCodes.Success;
    }

    private static int ExplainSource(Reporter reporter, bool json, LastBuild last, string source)
    {
        var outputs = Changed(last, source).ToList();
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                source,
                outputs = outputs.Select(o => new { file = o.Path, written = last.Written.Contains(o.Path), chain = o.Chain }),
            }));
            return ExitCodes.Success;
        }

        if (outputs.Count == 0)
        {
            reporter.Line($"{source} did not cause any output to be rebuilt in the last build ({last.Time:u}).");
            return ExitCodes.Success;
        }

        reporter.Line($"{source} changed in the last build ({last.Time:u}); {outputs.Count} outputs were rebuilt because of it:");
        foreach ((string path, List<string> chain) in outputs)
        {
            reporter.Line($"{path}{(last.Written.Contains(path) ? " (written)" : " (same bytes, not written)")}");
            PrintChain(reporter, chain);
        }

        return ExitCodes.Success;
    }

    private static IEnumerable<(string Path, List<string> Chain)> Changed(LastBuild last, string source)
    {
        string input = "file:" + source + " — changed";
        foreach ((string path, List<string> chain) in last.Chains)
        {
            if (chain.Count > 0 && chain[0] == input)
            {
                yield return (path, chain);
            }
        }
    }

    private static void PrintChain(Reporter reporter, List<string> chain)
    {
        for (int i = 0; i < chain.Count; i++)
        {
            reporter.Line((i == 0 ? "  " : "  → ") + chain[i]);
        }
    }
}
