namespace Adaptive.Core.Generators;

/// <summary>A type enclosing a [Memo] member, outermost first: reopened as <c>partial</c>.</summary>
internal sealed record TypeShell(string Keyword, string Name);

/// <summary>A parameter of a [Memo] method.</summary>
internal sealed record MemoParameter(string Type, string Name);

/// <summary>
/// Everything the emitter needs for one [Memo] member, as plain strings and numbers: no symbols
/// or syntax nodes, so the pipeline can compare models by value and skip unchanged outputs.
/// </summary>
internal sealed record MemoModel(
    string? Namespace,
    EquatableArray<TypeShell> Types,
    string OwnerType,
    string MemberName,
    string DisplayName,
    bool IsProperty,
    bool IsStatic,
    string Modifiers,
    string ReturnType,
    EquatableArray<MemoParameter> Parameters,
    string RuntimeExpression,
    string? Comparer,
    string? Codec,
    ulong CodeFingerprint,
    bool Eager = false)
{
    /// <summary>A file name unique per member (nested types and overload-free names).</summary>
    public string HintName => (Namespace is null ? string.Empty : Namespace + ".")
        + string.Join(".", Types.Select(t => t.Name.Replace('<', '{').Replace('>', '}'))) + "." + MemberName + ".g.cs";
}

/// <summary>The transform's output: a model to emit, or the diagnostics that prevent it.</summary>
internal sealed record MemoResult(MemoModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
