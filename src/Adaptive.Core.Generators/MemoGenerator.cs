using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Adaptive.Core.Generators;

/// <summary>
/// Implements <c>[Memo]</c> partial properties and methods (see docs/design/memo-attribute.md).
/// The pipeline: attributed members (found by <c>ForAttributeWithMetadataName</c>) → a
/// value-equatable <see cref="MemoResult"/> per member → one source file per member. Editing a
/// file that does not change a member's model leaves that member's output cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MemoGenerator : IIncrementalGenerator
{
    /// <summary>The name of the analysis step, for tests of incrementality.</summary>
    public const string AnalyzeStep = "Adaptive.Memo.Analyze";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<MemoResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Adaptive.Core.MemoAttribute",
                static (node, _) => node is PropertyDeclarationSyntax or MethodDeclarationSyntax or IndexerDeclarationSyntax,
                MemoAnalyzer.Analyze)
            .WithTrackingName(AnalyzeStep);

        context.RegisterSourceOutput(results, static (output, result) =>
        {
            foreach (DiagnosticInfo diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Model is { } model)
            {
                output.AddSource(model.HintName, SourceText.From(MemoEmitter.Emit(model), System.Text.Encoding.UTF8));
            }
        });
    }
}
