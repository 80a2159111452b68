using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Adaptive.Core.Generators.Tests;

/// <summary>The generator is itself incremental: Roslyn's tracked steps show what re-ran.</summary>
public sealed class IncrementalityTests
{
    private const string Page = """
        using Adaptive.Core;
        namespace Blog;
        public sealed partial class Page(AdaptiveRuntime rt, Ref<string> source) : AdaptiveObject(rt)
        {
            [Memo] public partial string Title { get; }
            private string ComputeTitle() => source.Value.Trim();
        }
        """;

    private const string Unrelated = """
        namespace Blog;
        public static class Helpers { public static int Answer() => 42; }
        """;

    [Fact]
    public void Editing_an_unrelated_file_does_not_rerun_the_output_step()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Page, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == "File1.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            unrelated, unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Unrelated.Replace("42", "43", StringComparison.Ordinal))));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(run.TrackedSteps[MemoGenerator.AnalyzeStep].SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.All(run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    [Fact]
    public void Editing_the_computation_reruns_it_with_a_new_code_fingerprint()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Page);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Page.Replace("Trim()", "TrimEnd()", StringComparison.Ordinal))));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        string after = run.GeneratedSources.Single().SourceText.ToString();

        Assert.Contains(run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(Fingerprint(before), Fingerprint(after));
    }

    [Fact]
    public void Code_fingerprint_ignores_formatting_and_comments()
    {
        string reformatted = Page.Replace(
            "private string ComputeTitle() => source.Value.Trim();",
            "// the title\n    private string ComputeTitle()\n        =>   source.Value.Trim(); ",
            StringComparison.Ordinal);
        string first = GeneratorHarness.Run(Page).Run.GeneratedSources.Single().SourceText.ToString();
        string second = GeneratorHarness.Run(reformatted).Run.GeneratedSources.Single().SourceText.ToString();
        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    private static string Fingerprint(string generated)
    {
        int start = generated.IndexOf("0x", StringComparison.Ordinal);
        return generated.Substring(start, 18);
    }
}
