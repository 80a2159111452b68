using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Adaptive.Core.Generators.Tests;

/// <summary>
/// The generated source for representative members, compared with approved snapshots in
/// Snapshots/. To accept a change, run with ADAPT_ACCEPT_SNAPSHOTS=1 and review the diff.
/// Every case must also compile without any warning.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Instance_property_on_an_adaptive_object() => Verify("InstanceProperty", """
        using Adaptive.Core;
        namespace Blog;
        public sealed record FrontMatter(string Title);
        public sealed partial class Page(AdaptiveRuntime rt, Ref<string> source) : AdaptiveObject(rt)
        {
            /// <summary>The parsed front matter.</summary>
            [Memo] public partial FrontMatter Meta { get; }
            private FrontMatter ComputeMeta() => new(source.Value.Split('\n')[0]);
        }
        """);

    [Fact]
    public void Keyed_method_with_one_parameter() => Verify("KeyedOneParameter", """
        using System.Linq;
        using Adaptive.Core;
        namespace Blog;
        public sealed partial class Page(AdaptiveRuntime rt, Ref<string> body) : AdaptiveObject(rt)
        {
            [Memo] public partial string Excerpt(int words);
            private string ComputeExcerpt(int words) => string.Join(' ', body.Value.Split(' ').Take(words));
        }
        """);

    [Fact]
    public void Keyed_method_with_several_parameters_and_a_keyword_name() => Verify("KeyedSeveralParameters", """
        using Adaptive.Core;
        namespace Blog;
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] internal partial string? Link(string section, int @class, bool absolute);
            private string? ComputeLink(string section, int @class, bool absolute) => absolute ? "/" + section + @class : null;
        }
        """);

    [Fact]
    public void Static_property_with_a_static_runtime_and_a_comparer() => Verify("StaticWithComparer", """
        using System;
        using System.Collections.Generic;
        using Adaptive.Core;
        public static partial class Site
        {
            public static AdaptiveRuntime Runtime { get; } = new();
            public static readonly Ref<string> Title = Runtime.Ref("Home");
            private static readonly IEqualityComparer<string> s_ignoreCase = StringComparer.OrdinalIgnoreCase;

            [Memo(Comparer = nameof(s_ignoreCase))] public static partial string Heading { get; }
            private static string ComputeHeading() => Title.Value.Trim();
        }
        """);

    [Fact]
    public void Nested_class_with_its_own_runtime_property_and_a_parameterless_method() => Verify("NestedWithRuntimeProperty", """
        using Adaptive.Core;
        namespace Docs.Api
        {
            public partial class Outer
            {
                public partial class Index(AdaptiveRuntime runtime, Ref<int> count)
                {
                    private AdaptiveRuntime Runtime { get; } = runtime;
                    [Memo] protected internal partial int Total();
                    private int ComputeTotal() => count.Value * 2;
                }
            }
        }
        """);

    private static void Verify(string name, string source, [CallerFilePath] string file = "")
    {
        (GeneratorRunResult run, System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics) = GeneratorHarness.Run(source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string actual = string.Join("\n", run.GeneratedSources.Select(s => "// " + s.HintName + "\n" + s.SourceText.ToString()));
        string snapshot = Path.Combine("Snapshots", name + ".g.cs.txt");
        if (Environment.GetEnvironmentVariable("ADAPT_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, snapshot), actual);
            return;
        }

        string approved = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, snapshot)).ReplaceLineEndings("\n");
        Assert.Equal(approved, actual);
    }
}
