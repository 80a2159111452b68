using System.Collections.Concurrent;

namespace Adaptive.Core.Generators.Tests;

/// <summary>Members generated in this very assembly obey the runtime's semantics.</summary>
public sealed partial class GeneratedMemoTests
{
    private readonly AdaptiveRuntime _rt = new();

    [Fact]
    public void Generated_property_is_lazy_and_cached()
    {
        var page = new Article(_rt, _rt.Ref("Hello world\nBody text here", "source"), "hello.md");
        Assert.Empty(page.Log);
        Assert.Equal("Hello world", page.Title);
        Assert.Equal("Hello world", page.Title);
        Assert.Equal(["Title"], page.Log);
    }

    [Fact]
    public void Dependencies_are_recorded_across_objects_and_cutoff_applies()
    {
        Ref<string> source = _rt.Ref("Hello world\nBody", "source");
        var page = new Article(_rt, source, "hello.md");
        var listing = new Listing(_rt, [page]);
        Assert.Equal("hello.md: Hello world", listing.Summary);
        page.Log.Clear();
        listing.Log.Clear();

        source.Value = "Hello world\nA different body"; // the title does not change
        Assert.Equal("hello.md: Hello world", listing.Summary);
        Assert.Equal(["Title"], page.Log);
        Assert.Empty(listing.Log);

        source.Value = "New title\nBody";
        Assert.Equal("hello.md: New title", listing.Summary);
        Assert.Equal(["Title", "Title"], page.Log);
        Assert.Equal(["Summary"], listing.Log);
    }

    [Fact]
    public void Keyed_members_have_one_memo_per_argument_and_hits_do_not_execute()
    {
        var page = new Article(_rt, _rt.Ref("T\none two three four five", "source"), "a.md");
        Assert.Equal("one two", page.Excerpt(2));
        Assert.Equal("one two three", page.Excerpt(3));
        Assert.Equal("one two", page.Excerpt(2));
        Assert.Equal(["Excerpt(2)", "Excerpt(3)"], page.Log);
        Assert.Equal("T:1", page.Line("T", 1));
        Assert.Equal("T:1", page.Line("T", 1));
        Assert.Equal(["Excerpt(2)", "Excerpt(3)", "Line(T,1)"], page.Log);
    }

    [Fact]
    public void Generated_memos_are_named_after_the_member_and_the_instance_key()
    {
        var page = new Article(_rt, _rt.Ref("T\nb", "source"), "posts/a.md");
        var listing = new Listing(_rt, [page]);
        _ = listing.Summary;
        Memo cause = Assert.IsAssignableFrom<Memo>(Assert.Single(
            ((Memo)Observe(listing)).Dependencies, d => d.Name.Contains("Title", StringComparison.Ordinal)));
        Assert.Equal("Article[posts/a.md].Title", cause.Name);
        Assert.NotEqual(0UL, cause.CodeFingerprint);
    }

    [Fact]
    public void Exceptions_are_cached_and_repaired_by_a_change()
    {
        Ref<string> source = _rt.Ref(string.Empty, "source");
        var page = new Article(_rt, source, "empty.md");
        Assert.Throws<FormatException>(() => page.Title);
        Assert.Throws<FormatException>(() => page.Title);
        Assert.Equal(["Title"], page.Log);
        source.Value = "Fixed\n";
        Assert.Equal("Fixed", page.Title);
    }

    [Fact]
    public void Cycles_between_generated_members_are_reported()
    {
        var loop = new Loop(_rt);
        CycleException error = Assert.Throws<CycleException>(() => loop.First);
        Assert.Equal(["Loop.First", "Loop.Second"], error.Cycle);
    }

    [Fact]
    public void Parallel_first_reads_create_and_execute_one_memo_per_instance()
    {
        var page = new Article(_rt, _rt.Ref("Parallel\nx", "source"), "p.md");
        var titles = new ConcurrentBag<string>();
        Parallel.For(0, 64, _ => titles.Add(page.Title));
        Assert.All(titles, t => Assert.Equal("Parallel", t));
        Assert.Equal(["Title"], page.Log);
    }

    [Fact]
    public void Static_members_use_the_static_runtime()
    {
        StaticSite.Name.Value = "Docs";
        Assert.Equal("Docs", StaticSite.Heading);
        StaticSite.Name.Value = "DOCS"; // recomputes to a value equal under the comparer: cutoff keeps the old one
        Assert.Equal("Docs", StaticSite.Heading);
        StaticSite.Name.Value = "Guide";
        Assert.Equal("Guide", StaticSite.Heading);
    }

    [Fact]
    public void Generated_members_with_a_codec_are_reused_by_a_new_process()
    {
        string dir = Directory.CreateTempSubdirectory("adapt-gen-trace-").FullName;
        try
        {
            string path = Path.Combine(dir, "trace.db");
            (long executions, long reused, Summary summary) Run()
            {
                using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
                var rt = new AdaptiveRuntime(store);
                var doc = new Doc(rt, rt.Ref("Title\nsome body words", "doc-source"), "guide.md");
                Summary result = doc.Summary;
                rt.SaveTrace();
                return (rt.Stats.Executions, rt.Stats.Reused, result);
            }

            var first = Run();
            var second = Run();
            Assert.Equal(new Summary("Title", 3), first.summary);
            Assert.Equal(first.summary, second.summary);
            Assert.Equal((1L, 0L), (first.executions, first.reused));
            Assert.Equal((0L, 1L), (second.executions, second.reused));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Eager_members_are_recomputed_inside_the_change()
    {
        var rt = new AdaptiveRuntime();
        Ref<string> source = rt.Ref("Intro\nsome words here", "eager-source");
        var chapter = new Chapter(rt, source, "eager.md");
        Assert.Equal("Intro", chapter.Heading);
        using ExecutionLog log = rt.RecordExecutions();
        source.Value = "Intro\nother words";
        Assert.Equal(["Chapter[eager.md].Heading"], log.Names); // before anyone read it
        Assert.Equal("Intro", chapter.Heading);
    }

    [Fact]
    public void A_new_process_finds_sibling_memos_it_has_not_used_yet()
    {
        string dir = Directory.CreateTempSubdirectory("adapt-gen-siblings-").FullName;
        try
        {
            string path = Path.Combine(dir, "trace.db");
            (long Executions, long Reused, string Label) Run(bool labelFirst)
            {
                using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
                var rt = new AdaptiveRuntime(store);
                var doc = new Chapter(rt, rt.Ref("Intro\nsome words here", "chapter-source"), "intro.md");
                string label = labelFirst ? doc.Label("v1") : doc.Words + " " + doc.Label("v1");
                rt.SaveTrace();
                return (rt.Stats.Executions, rt.Stats.Reused, labelFirst ? label : doc.Label("v1"));
            }

            Assert.Equal((3L, 0L, "Intro (3 words, v1)"), Run(labelFirst: false));

            // Label[v1] is demanded first: its stored dependencies (Title, Words[2]) belong to
            // tables nothing created yet in this process; the runtime creates them by name.
            Assert.Equal((0L, 3L, "Intro (3 words, v1)"), Run(labelFirst: true)); // Label, Title and Words adopted
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Memo Observe(Listing listing)
    {
        using Observer observer = listing.Runtime.CreateObserver();
        Memo summary = listing.SummaryMemo;
        observer.Add(summary);
        return summary;
    }

    internal sealed partial class Article(AdaptiveRuntime runtime, Ref<string> source, string path) : AdaptiveObject(runtime)
    {
        public List<string> Log { get; } = [];

        public override string? Key => path;

        public string Path => path;

        [Memo] public partial string Title { get; }

        [Memo] public partial string Excerpt(int words);

        [Memo] public partial string Line(string prefix, int number);

        private string ComputeTitle()
        {
            lock (Log)
            {
                Log.Add("Title");
            }

            string text = source.Value;
            return text.Length == 0 ? throw new FormatException("empty page") : text.Split('\n')[0];
        }

        private string ComputeExcerpt(int words)
        {
            Log.Add($"Excerpt({words})");
            return string.Join(' ', source.Value.Split('\n')[1].Split(' ').Take(words));
        }

        private string ComputeLine(string prefix, int number)
        {
            Log.Add($"Line({prefix},{number})");
            return prefix + ":" + number;
        }
    }

    internal sealed partial class Listing(AdaptiveRuntime runtime, Article[] pages) : AdaptiveObject(runtime)
    {
        public List<string> Log { get; } = [];

        [Memo] public partial string Summary { get; }

        /// <summary>The memo behind <see cref="Summary"/>, for inspection.</summary>
        public Memo SummaryMemo => __memo_Summary!;

        private string ComputeSummary()
        {
            Log.Add("Summary");
            return string.Join(", ", pages.Select(p => p.Path + ": " + p.Title));
        }
    }

    internal sealed partial class Loop(AdaptiveRuntime runtime) : AdaptiveObject(runtime)
    {
        [Memo] public partial int First { get; }

        [Memo] public partial int Second { get; }

        private int ComputeFirst() => Second + 1;

        private int ComputeSecond() => First + 1;
    }

    public sealed record Summary(string Title, int Words);

    internal sealed partial class Doc(AdaptiveRuntime runtime, Ref<string> source, string path) : AdaptiveObject(runtime)
    {
        private static readonly IValueCodec<Summary> s_summaryCodec = Codec.Json<Summary>();

        public override string? Key => path;

        [Memo(Codec = nameof(s_summaryCodec))] public partial Summary Summary { get; }

        private Summary ComputeSummary()
        {
            string[] lines = source.Value.Split('\n');
            return new Summary(lines[0], lines[1].Split(' ').Length);
        }
    }

    internal sealed partial class Chapter(AdaptiveRuntime runtime, Ref<string> source, string path) : AdaptiveObject(runtime)
    {
        public override string? Key => path;

        [Memo] public partial string Title { get; }

        [Memo] public partial int Words { get; }

        [Memo] public partial string Label(string version);

        [Memo(Eager = true)] public partial string Heading { get; }

        private string ComputeHeading() => source.Value.Split('\n')[0];

        private string ComputeTitle() => source.Value.Split('\n')[0];

        private int ComputeWords() => source.Value.Split('\n')[1].Split(' ').Length;

        private string ComputeLabel(string version) => $"{Title} ({Words} words, {version})";
    }

    internal static partial class StaticSite
    {
        public static AdaptiveRuntime Runtime { get; } = new();

        public static Ref<string> Name { get; } = Runtime.Ref("Blog", "name");

        private static readonly IEqualityComparer<string> s_ignoreCase = StringComparer.OrdinalIgnoreCase;

        [Memo(Comparer = nameof(s_ignoreCase))] public static partial string Heading { get; }

        private static string ComputeHeading() => Name.Value.Trim();
    }
}
