// A page's Markdown as the site reads it: rendered HTML with cross-references resolved, included
// summaries (with cycle detection), highlighted code, summary, word count, reading time.
using System.Diagnostics;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The page's body rendered, cross-references resolved.</summary>
    internal static readonly SiteTable<string, RenderedMarkdown> Rendered = new(
        "Site.Rendered", static (s, source) => s.ComputeRendered(source), SiteCodecs.Rendered, role: SiteValueRole.PageFact);

    /// <summary>The pages whose summary a page includes (<c>{{&lt; summary "x.md" &gt;}}</c>): what
    /// finding a cycle through page content walks, without rendering anything.</summary>
    internal static readonly SiteTable<string, ValueList<string>> Includes = new(
        "Site.Includes", static (s, source) => s.ComputeIncludes(source), SiteCodecs.List, role: SiteValueRole.CrossReference);

    /// <summary>The URL of the published page whose source is the key (for cross-references), or null.</summary>
    internal static readonly SiteTable<string, string?> UrlOfSource = new(
        "Site.UrlOfSource", static (s, source) => s.ComputeUrlOfSource(source), role: SiteValueRole.PageFact | SiteValueRole.CrossReference);

    /// <summary>The summary as HTML: front matter's <c>summary</c> (escaped), else the text
    /// before <c>&lt;!--more--&gt;</c> or the first paragraph.</summary>
    internal static readonly SiteTable<string, string> Summary = new("Site.Summary", static (s, source) => s.ComputeSummary(source), role: SiteValueRole.PageFact);

    /// <summary>The number of words of the page's body.</summary>
    internal static readonly SiteTable<string, int> WordCount = new("Site.WordCount", static (s, source) => s.ComputeWordCount(source), role: SiteValueRole.PageFact);

    /// <summary>A fenced code block's highlighted HTML, by its language and code (null: no grammar
    /// for the language). Computed once per distinct block: a page whose prose changes reads its
    /// blocks' HTML again without highlighting them; a new process takes it from the trace.</summary>
    internal static readonly SiteTable<(string Language, string Code), string?> Highlighted = new(
        "Site.Highlighted", static (s, block) => s.ComputeHighlighted(block));

    /// <summary>Minutes to read the page's body.</summary>
    internal static readonly SiteTable<string, int> ReadingMinutes = new(
        "Site.ReadingMinutes", static (s, source) => s.ComputeReadingMinutes(source), role: SiteValueRole.PageFact);

    // What highlighting cost this site so far (HighlightWork): counted, never read by a computation.
    private long _highlightReads;
    private long _highlightExecutions;
    private long _highlightTicks;

    /// <summary>What highlighting has cost this site since it was created: reads of
    /// <see cref="Highlighted"/> by rendering, its executions and the time spent in them.</summary>
    internal HighlightWork HighlightWork => new(
        Interlocked.Read(ref _highlightReads), Interlocked.Read(ref _highlightExecutions), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _highlightTicks)));

    private RenderedMarkdown ComputeRendered(string source)
    {
        PageBody body = Get(BodySource, source);
        var images = new SortedSet<string>(StringComparer.Ordinal);
        RenderedMarkdown rendered = MarkdownRenderer.Render(source, body.Markdown, body.Line, new MarkdownHooks(target => Get(UrlOfSource, target))
        {
            IncludeSummary = target => IncludedSummary(source, target),
            Highlight = (language, code) =>
            {
                Interlocked.Increment(ref _highlightReads);
                return Get(Highlighted, (language, code));
            },
            Shortcode = call => RenderShortcode(call, new PageImageResolver(this, source, images)),
            Image = (src, spec) => ProcessImage(source, src, spec, images),
        });
        return images.Count == 0 ? rendered : rendered with { Images = new ValueList<string>([.. images]) };
    }

    private string? ComputeHighlighted((string Language, string Code) block)
    {
        long start = Stopwatch.GetTimestamp();
        string? html = Highlighter.Highlight(block.Language, block.Code);
        Interlocked.Add(ref _highlightTicks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _highlightExecutions);
        return html;
    }

    private ValueList<string> ComputeIncludes(string source)
    {
        try
        {
            return MarkdownRenderer.Includes(source, Get(BodySource, source).Markdown);
        }
        catch (SiteException)
        {
            return ValueList<string>.Empty; // the page's own error is reported by its output
        }
    }

    /// <summary>The summary <paramref name="source"/> includes from <paramref name="target"/>,
    /// null when there is no such page. Including a page that (through its own includes) includes
    /// this one would never finish: found first, by walking the includes, and reported naming
    /// every page on the cycle.</summary>
    private string? IncludedSummary(string source, string target)
    {
        if (Get(UrlOfSource, target) is null)
        {
            return null;
        }

        var from = new Dictionary<string, string?>(StringComparer.Ordinal) { [target] = null };
        var queue = new Queue<string>();
        queue.Enqueue(target);
        while (queue.Count > 0)
        {
            string page = queue.Dequeue();
            if (page == source)
            {
                var cycle = new List<string>();
                for (string? at = page; at is not null; at = from[at])
                {
                    cycle.Add(at);
                }

                cycle.Reverse(); // target → … → source
                throw new IncludeCycleException(
                    $"including the summary of '{target}' makes a cycle through page content: {source} → {string.Join(" → ", cycle)}. Remove one of the includes");
            }

            if (!Get(HasFile, page) || !page.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string next in Get(Includes, page))
            {
                if (from.TryAdd(next, page))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return Get(Summary, target);
    }

    private string? ComputeUrlOfSource(string source)
    {
        return Get(HasFile, source) && IsListed(source) ? Get(Url, source) : null;
    }

    private string ComputeSummary(string source)
    {
        if (Get(Meta, source).Summary is { } summary)
        {
            return System.Net.WebUtility.HtmlEncode(summary);
        }

        return RenderedOrNull(source)?.SummaryHtml ?? string.Empty;
    }

    private int ComputeWordCount(string source) => RenderedOrNull(source)?.WordCount ?? 0;

    private int ComputeReadingMinutes(string source) => RenderedOrNull(source)?.ReadingMinutes ?? 0;

    // What lists read of other pages: a page that does not render shows as empty there (its own
    // output reports the error).
    private RenderedMarkdown? RenderedOrNull(string source)
    {
        try
        {
            return Get(Rendered, source);
        }
        catch (SiteException)
        {
            return null;
        }
    }
}
