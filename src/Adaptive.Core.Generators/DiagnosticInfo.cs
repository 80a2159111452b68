using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Adaptive.Core.Generators;

/// <summary>A diagnostic as plain data (a <see cref="Location"/> is not value-equatable).</summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan Lines, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        FileLinePositionSpan lines = location.GetLineSpan();
        return new DiagnosticInfo(descriptor.Id, lines.Path, location.SourceSpan, lines.Span, new EquatableArray<string>(arguments));
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            MemoDiagnostics.ById(Id),
            Location.Create(FilePath, Span, Lines),
            Arguments.Cast<object>().ToArray());
}
