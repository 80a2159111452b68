using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Adaptive.Core.Generators.Tests;

/// <summary>
/// One compile-fail test per diagnostic: the snippet marks where the diagnostic must point with
/// <c>/*here*/</c> just before the reported token; the test asserts the ID, the location and
/// that nothing is generated for the member.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System; using System.Threading.Tasks; using Adaptive.Core;\n";

    [Fact]
    public void ADAPT001_type_not_partial() => Expect("ADAPT001", """
        public sealed class /*here*/Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial int Count { get; }
            private int ComputeCount() => 1;
        }
        """, "must be declared partial");

    [Fact]
    public void ADAPT001_enclosing_type_not_partial() => Expect("ADAPT001", """
        public class /*here*/Outer
        {
            public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
            {
                [Memo] public partial int Count { get; }
                private int ComputeCount() => 1;
            }
        }
        """, "'Outer' must be declared partial");

    [Fact]
    public void ADAPT002_member_not_partial() => Expect("ADAPT002", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public int /*here*/Count => 1;
            private int ComputeCount() => 1;
        }
        """, "'Count' must be declared partial");

    [Fact]
    public void ADAPT003_ref_parameter() => Expect("ADAPT003", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial int Twice(ref int /*here*/x);
            private int ComputeTwice(int x) => x * 2;
        }
        """, "passed by reference");

    [Fact]
    public void ADAPT003_pointer_parameter() => Expect("ADAPT003", """
        public sealed unsafe partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial int Read(int* /*here*/p);
            private int ComputeRead(int* p) => 0;
        }
        """, "pointers are not supported");

    [Fact]
    public void ADAPT003_span_parameter() => Expect("ADAPT003", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial int Length(ReadOnlySpan<char> /*here*/text);
            private int ComputeLength(ReadOnlySpan<char> text) => text.Length;
        }
        """, "ref struct");

    [Fact]
    public void ADAPT004_void_method() => Expect("ADAPT004", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial void /*here*/Render(int x);
            private void ComputeRender(int x) { }
        }
        """, "returns void");

    [Fact]
    public void ADAPT005_async_method() => Expect("ADAPT005", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial Task<int> /*here*/Fetch(int id);
            private Task<int> ComputeFetch(int id) => Task.FromResult(id);
        }
        """, "returns Task");

    [Fact]
    public void ADAPT006_static_member_without_a_static_runtime() => Expect("ADAPT006", """
        public static partial class Site
        {
            [Memo] public static partial int /*here*/Count { get; }
            private static int ComputeCount() => 1;
        }
        """, "static property or field 'Runtime'");

    [Fact]
    public void ADAPT007_instance_member_without_a_runtime() => Expect("ADAPT007", """
        public sealed partial class Page
        {
            [Memo] public partial int /*here*/Count { get; }
            private int ComputeCount() => 1;
        }
        """, "derive 'Page' from Adaptive.Core.AdaptiveObject");

    [Fact]
    public void ADAPT008_generic_method() => Expect("ADAPT008", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial T /*here*/Pick<T>(T value);
            private T ComputePick<T>(T value) => value;
        }
        """, "has type parameters");

    [Fact]
    public void ADAPT008_generic_type() => Expect("ADAPT008", """
        public sealed partial class Page<T>(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial int /*here*/Count { get; }
            private int ComputeCount() => 1;
        }
        """, "generic type 'Page'");

    [Fact]
    public void ADAPT008_indexer() => Expect("ADAPT008", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial int /*here*/this[int i] { get; }
            private int ComputeThis(int i) => i;
        }
        """, "is an indexer");

    [Fact]
    public void ADAPT009_missing_computation() => Expect("ADAPT009", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial string /*here*/Title { get; }
        }
        """, "declare 'string ComputeTitle()' in 'Page'");

    [Fact]
    public void ADAPT010_comparer_not_found() => Expect("ADAPT010", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            private static readonly int s_notAComparer = 1;
            [Memo(Comparer = nameof(s_notAComparer))] public partial string /*here*/Title { get; }
            private string ComputeTitle() => "t";
        }
        """, "IEqualityComparer<string>");

    [Fact]
    public void ADAPT013_codec_not_found() => Expect("ADAPT013", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            private static readonly IValueCodec<int> s_intCodec = Codec.Int32;
            [Memo(Codec = nameof(s_intCodec))] public partial string /*here*/Title { get; }
            private string ComputeTitle() => "t";
        }
        """, "Adaptive.Core.IValueCodec<string>");

    [Fact]
    public void ADAPT011_property_with_a_setter() => Expect("ADAPT011", """
        public sealed partial class Page(AdaptiveRuntime rt) : AdaptiveObject(rt)
        {
            [Memo] public partial string /*here*/Title { get; set; }
            private string ComputeTitle() => "t";
        }
        """, "only a 'get' accessor");

    [Fact]
    public void ADAPT012_member_of_a_struct() => Expect("ADAPT012", """
        public partial struct Point
        {
            public AdaptiveRuntime Runtime { get; }
            [Memo] public partial int /*here*/Length { get; }
            private int ComputeLength() => 1;
        }
        """, "a struct 'Point'");

    private static void Expect(string id, string snippet, string messagePart)
    {
        string source = Usings + snippet;
        int marker = source.IndexOf("/*here*/", StringComparison.Ordinal);
        Assert.True(marker >= 0, "snippet has no /*here*/ marker");
        int expectedStart = marker + "/*here*/".Length;

        (GeneratorRunResult run, ImmutableArray<Diagnostic> _) = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(expectedStart, diagnostic.Location.SourceSpan.Start);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("File0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.GeneratedSources);
    }
}
