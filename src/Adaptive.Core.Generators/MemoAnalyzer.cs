using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Adaptive.Core.Generators;

/// <summary>
/// The pipeline's transform: checks one [Memo] member and turns it into a <see cref="MemoModel"/>
/// or into the diagnostics that explain why it cannot be generated.
/// </summary>
internal static class MemoAnalyzer
{
    private const string RuntimeType = "global::Adaptive.Core.AdaptiveRuntime";
    private const string AdaptiveObjectType = "global::Adaptive.Core.AdaptiveObject";

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static MemoResult Analyze(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ISymbol member = context.TargetSymbol;
        var syntax = (MemberDeclarationSyntax)context.TargetNode;
        INamedTypeSymbol owner = member.ContainingType;
        Location location = Identifier(syntax).GetLocation();
        string display = owner.Name + "." + member.Name;

        // The containing types: classes, partial, not generic.
        var types = new List<TypeShell>();
        foreach (TypeDeclarationSyntax type in syntax.Ancestors().OfType<TypeDeclarationSyntax>().Reverse())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.Text));
            }

            if (type.TypeParameterList is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.Generic, location, display, "is declared in generic type '" + type.Identifier.Text + "'"));
            }

            types.Add(new TypeShell(Keyword(type), type.Identifier.Text));
        }

        if (owner.TypeKind != TypeKind.Class)
        {
            diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.NotAClass, location, display,
                owner.TypeKind == TypeKind.Struct ? "a struct" : "an " + owner.TypeKind.ToString().ToLowerInvariant(), owner.Name));
        }

        if (!SyntaxModifiers(syntax).Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.MemberNotPartial, location, member.Name));
        }

        ITypeSymbol returnType;
        var parameters = new List<IParameterSymbol>();
        bool isProperty = member is IPropertySymbol;
        if (member is IPropertySymbol property)
        {
            returnType = property.Type;
            if (property.SetMethod is not null || property.GetMethod is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.NotGetOnly, location, member.Name));
            }

            if (property.ReturnsByRef || property.ReturnsByRefReadonly)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.NoValue, location, member.Name, "returns by reference"));
            }

            if (property.IsIndexer)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.Generic, location, member.Name, "is an indexer"));
            }
        }
        else
        {
            var method = (IMethodSymbol)member;
            returnType = method.ReturnType;
            parameters.AddRange(method.Parameters);
            if (method.ReturnsVoid)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.NoValue, location, member.Name, "returns void"));
            }
            else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.NoValue, location, member.Name, "returns by reference"));
            }

            if (method.IsGenericMethod)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.Generic, location, member.Name, "has type parameters"));
            }

            if (method.IsAsync)
            {
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.Async, location, member.Name, "declared async"));
            }
        }

        if (IsAwaitable(returnType) && !(member is IMethodSymbol { IsAsync: true }))
        {
            diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.Async, location, member.Name, "returns " + returnType.Name));
        }

        foreach (IParameterSymbol parameter in parameters)
        {
            string? problem = parameter.RefKind != RefKind.None ? "it is passed by reference ('" + parameter.RefKind.ToString().ToLowerInvariant() + "')"
                : parameter.IsParams ? "'params' arrays are not supported"
                : parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol ? "pointers are not supported"
                : parameter.Type.IsRefLikeType ? "ref struct types (like Span<T>) cannot be stored"
                : null;
            if (problem is not null)
            {
                Location at = parameter.Locations.FirstOrDefault() ?? location;
                diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.UnsupportedParameter, at, parameter.Name, member.Name, problem));
            }
        }

        string? runtime = member.IsStatic ? StaticRuntime(owner) : InstanceRuntime(owner);
        if (runtime is null)
        {
            diagnostics.Add(member.IsStatic
                ? DiagnosticInfo.Create(MemoDiagnostics.StaticWithoutRuntime, location, member.Name, owner.Name)
                : DiagnosticInfo.Create(MemoDiagnostics.InstanceWithoutRuntime, location, member.Name, owner.Name));
        }

        IMethodSymbol? compute = FindCompute(owner, member, returnType, parameters);
        string computeName = "Compute" + member.Name;
        if (compute is null)
        {
            string signature = returnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + computeName + "("
                + string.Join(", ", parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + p.Name)) + ")";
            diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.MissingCompute, location, member.Name,
                (member.IsStatic ? "static " : string.Empty) + signature, owner.Name, ": the generator implements '" + member.Name + "' by caching what it returns"));
        }

        string? comparer = NamedArgument(context, "Comparer");
        if (comparer is not null && !HasStaticOfGeneric(owner, comparer, "System.Collections.Generic.IEqualityComparer<T>", returnType))
        {
            diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.BadComparer, location, comparer, member.Name, owner.Name,
                returnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        string? codec = NamedArgument(context, "Codec");
        if (codec is not null && !HasStaticOfGeneric(owner, codec, "Adaptive.Core.IValueCodec<T>", returnType))
        {
            diagnostics.Add(DiagnosticInfo.Create(MemoDiagnostics.BadCodec, location, codec, member.Name, owner.Name,
                returnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        cancellation.ThrowIfCancellationRequested();
        if (diagnostics.Count > 0)
        {
            return new MemoResult(null, new EquatableArray<DiagnosticInfo>([.. diagnostics]));
        }

        SyntaxNode computeSyntax = compute!.DeclaringSyntaxReferences[0].GetSyntax(cancellation);
        var model = new MemoModel(
            owner.ContainingNamespace.IsGlobalNamespace ? null : owner.ContainingNamespace.ToDisplayString(),
            new EquatableArray<TypeShell>([.. types]),
            owner.ToDisplayString(s_typeFormat),
            member.Name,
            display,
            isProperty,
            member.IsStatic,
            string.Join(" ", SyntaxModifiers(syntax).Select(m => m.Text)),
            returnType.ToDisplayString(s_typeFormat),
            new EquatableArray<MemoParameter>([.. parameters.Select(p => new MemoParameter(p.Type.ToDisplayString(s_typeFormat), EscapeIdentifier(p.Name)))]),
            runtime!,
            comparer,
            codec,
            CodeFingerprint.Of(computeSyntax),
            BooleanArgument(context, "Eager"));
        return new MemoResult(model, default);
    }

    private static SyntaxToken Identifier(MemberDeclarationSyntax syntax) => syntax switch
    {
        PropertyDeclarationSyntax p => p.Identifier,
        MethodDeclarationSyntax m => m.Identifier,
        IndexerDeclarationSyntax i => i.ThisKeyword,
        _ => syntax.GetFirstToken(),
    };

    private static SyntaxTokenList SyntaxModifiers(MemberDeclarationSyntax syntax) => syntax.Modifiers;

    private static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        _ => type.Keyword.Text,
    };

    private static bool IsAwaitable(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is "System.Threading.Tasks" or "System.Collections.Generic"
        && type.Name is "Task" or "ValueTask" or "IAsyncEnumerable";

    private static string? InstanceRuntime(INamedTypeSymbol owner)
    {
        for (INamedTypeSymbol? type = owner; type is not null; type = type.BaseType)
        {
            if (type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == AdaptiveObjectType)
            {
                return "this.Runtime";
            }

            if (HasRuntimeMember(type, isStatic: false, sameType: SymbolEqualityComparer.Default.Equals(type, owner)))
            {
                return "this.Runtime";
            }
        }

        return null;
    }

    private static string? StaticRuntime(INamedTypeSymbol owner) =>
        HasRuntimeMember(owner, isStatic: true, sameType: true)
            ? owner.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ".Runtime"
            : null;

    private static bool HasRuntimeMember(INamedTypeSymbol type, bool isStatic, bool sameType)
    {
        foreach (ISymbol candidate in type.GetMembers("Runtime"))
        {
            ITypeSymbol? memberType = candidate switch
            {
                IPropertySymbol p when p.GetMethod is not null => p.Type,
                IFieldSymbol f => f.Type,
                _ => null,
            };
            if (memberType is not null
                && candidate.IsStatic == isStatic
                && (sameType || candidate.DeclaredAccessibility != Accessibility.Private)
                && memberType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == RuntimeType)
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? FindCompute(INamedTypeSymbol owner, ISymbol member, ITypeSymbol returnType, List<IParameterSymbol> parameters)
    {
        foreach (IMethodSymbol candidate in owner.GetMembers("Compute" + member.Name).OfType<IMethodSymbol>())
        {
            if (candidate.IsStatic != member.IsStatic
                || candidate.IsGenericMethod
                || candidate.Parameters.Length != parameters.Count
                || !SymbolEqualityComparer.Default.Equals(candidate.ReturnType, returnType)
                || candidate.DeclaringSyntaxReferences.Length == 0)
            {
                continue;
            }

            bool same = true;
            for (int i = 0; i < parameters.Count && same; i++)
            {
                same = candidate.Parameters[i].RefKind == RefKind.None
                    && SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, parameters[i].Type);
            }

            if (same)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? NamedArgument(GeneratorAttributeSyntaxContext context, string key)
    {
        foreach (AttributeData attribute in context.Attributes)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == key && argument.Value.Value is string name && name.Length > 0)
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static bool BooleanArgument(GeneratorAttributeSyntaxContext context, string key)
    {
        foreach (AttributeData attribute in context.Attributes)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == key && argument.Value.Value is true)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="name"/> is a static field or property of
    /// <paramref name="owner"/> implementing <paramref name="genericInterface"/> of the value type.</summary>
    private static bool HasStaticOfGeneric(INamedTypeSymbol owner, string name, string genericInterface, ITypeSymbol valueType)
    {
        foreach (ISymbol candidate in owner.GetMembers(name))
        {
            ITypeSymbol? type = candidate switch
            {
                IPropertySymbol p when p.IsStatic && p.GetMethod is not null => p.Type,
                IFieldSymbol f when f.IsStatic => f.Type,
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            foreach (INamedTypeSymbol candidateInterface in type.AllInterfaces.Concat(type is INamedTypeSymbol named && named.TypeKind == TypeKind.Interface ? [named] : []))
            {
                if (candidateInterface.OriginalDefinition.ToDisplayString() == genericInterface
                    && SymbolEqualityComparer.Default.Equals(candidateInterface.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.None), valueType.WithNullableAnnotation(NullableAnnotation.None)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
