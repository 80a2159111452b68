using Microsoft.CodeAnalysis;

namespace Adaptive.Core.Generators;

/// <summary>The diagnostics of the [Memo] generator. IDs are stable: never renumber.</summary>
internal static class MemoDiagnostics
{
    private const string Category = "Adaptive.Memo";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "ADAPT001", "Type with [Memo] members must be partial",
        "Type '{0}' must be declared partial (with every enclosing type) so the [Memo] implementation can be generated");

    public static readonly DiagnosticDescriptor MemberNotPartial = Error(
        "ADAPT002", "[Memo] member must be partial",
        "'{0}' must be declared partial: write 'partial' before the type, e.g. 'public partial T {0} {{ get; }}' or 'public partial T {0}(...);'");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "ADAPT003", "[Memo] parameter is not supported",
        "Parameter '{0}' of '{1}' cannot be a memo key: {2}. Memo arguments are passed by value and compared by value.");

    public static readonly DiagnosticDescriptor NoValue = Error(
        "ADAPT004", "[Memo] member must return a value",
        "'{0}' {1}: a memo caches a value, so it must return one (not void, not by reference)");

    public static readonly DiagnosticDescriptor Async = Error(
        "ADAPT005", "[Memo] member cannot be asynchronous",
        "'{0}' is asynchronous ({1}): memos compute synchronously while their reads are tracked; compute the awaited data outside and pass it in a Ref");

    public static readonly DiagnosticDescriptor StaticWithoutRuntime = Error(
        "ADAPT006", "Static [Memo] member needs a static runtime",
        "Static '{0}' needs a static property or field 'Runtime' of type Adaptive.Core.AdaptiveRuntime in '{1}'");

    public static readonly DiagnosticDescriptor InstanceWithoutRuntime = Error(
        "ADAPT007", "[Memo] member needs a runtime",
        "'{0}' needs a runtime: derive '{1}' from Adaptive.Core.AdaptiveObject, or give it an instance property or field 'Runtime' of type Adaptive.Core.AdaptiveRuntime");

    public static readonly DiagnosticDescriptor Generic = Error(
        "ADAPT008", "Generic [Memo] members are not supported",
        "'{0}' {1}: generic memos are not supported; make the member and its containing types non-generic");

    public static readonly DiagnosticDescriptor MissingCompute = Error(
        "ADAPT009", "[Memo] member has no computation",
        "'{0}' needs its computation: declare '{1}' in '{2}' (any accessibility){3}");

    public static readonly DiagnosticDescriptor BadComparer = Error(
        "ADAPT010", "[Memo] comparer not found",
        "Comparer '{0}' of '{1}' must be a static field or property of '{2}' whose type is System.Collections.Generic.IEqualityComparer<{3}>");

    public static readonly DiagnosticDescriptor NotGetOnly = Error(
        "ADAPT011", "[Memo] property must be get-only",
        "'{0}' must have only a 'get' accessor: a memo is computed, never set (set the Refs it reads instead)");

    public static readonly DiagnosticDescriptor NotAClass = Error(
        "ADAPT012", "[Memo] members must be declared in a class",
        "'{0}' is declared in {1} '{2}': [Memo] members need a class (a struct copy would lose its memo)");

    public static readonly DiagnosticDescriptor BadCodec = Error(
        "ADAPT013", "[Memo] codec not found",
        "Codec '{0}' of '{1}' must be a static field or property of '{2}' whose type is Adaptive.Core.IValueCodec<{3}>");

    private static readonly DiagnosticDescriptor[] s_all =
    [
        TypeNotPartial, MemberNotPartial, UnsupportedParameter, NoValue, Async, StaticWithoutRuntime,
        InstanceWithoutRuntime, Generic, MissingCompute, BadComparer, NotGetOnly, NotAClass, BadCodec,
    ];

    public static DiagnosticDescriptor ById(string id) => s_all.First(d => d.Id == id);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: "docs/design/memo-attribute.md#diagnostics");
}
