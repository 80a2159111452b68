using Adaptive.Bench.Corpus;

namespace Adaptive.Cli.Commands;

/// <summary><c>adapt gen docs|blog|api [--pages N] [--seed S] -o DIR</c>.</summary>
internal static class GenCommand
{
    public static int Run(GenVerb options)
    {
        CorpusScenario scenario = Parse(options.Scenario);
        string folder = Path.GetFullPath(options.Output);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new UsageException($"'{options.Output}' is not empty: choose a new folder");
        }

        if (options.Pages is < 10 or > CorpusGenerator.MaxPages)
        {
            throw new UsageException($"--pages must be between 10 and {CorpusGenerator.MaxPages:N0}");
        }

        CorpusInfo info = CorpusGenerator.Generate(scenario, folder, options.Pages, options.Seed);
        Console.Out.WriteLine($"Generated the {options.Scenario} scenario: {info.Pages:N0} pages in {options.Output} (seed {options.Seed}).");
        return ExitCodes.Success;
    }

    public static CorpusScenario Parse(string scenario) => scenario.ToLowerInvariant() switch
    {
        "docs" => CorpusScenario.Docs,
        "blog" => CorpusScenario.Blog,
        "api" => CorpusScenario.Api,
        _ => throw new UsageException($"unknown scenario '{scenario}': use docs, blog or api"),
    };
}
