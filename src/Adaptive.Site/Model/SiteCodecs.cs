using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>
/// How the trace keeps the site's values that several declarations share, or whose encoding is
/// chosen for speed. Fingerprint-only values are encoded at every save just to be hashed: binary
/// records, not JSON (escaping every '&lt;' of a page's HTML cost a cold build's save ~0.2 s at
/// 4,000 pages); the file, or a cheap render, has them again.
/// </summary>
internal static class SiteCodecs
{
    public static readonly IValueCodec<ValueList<string>> List = SiteJson.Codec<ValueList<string>>();

    public static readonly IValueCodec<ValueList<SiteDiagnostic>> Diagnostics = SiteJson.Codec<ValueList<SiteDiagnostic>>();

    /// <summary>Large values the trace keeps only fingerprints of: an asset's bytes are in its
    /// file, an output's bytes are on disk (docs/design/trace.md).</summary>
    public static readonly IValueCodec<byte[]> FileBytes = Codec.FingerprintOnly(Codec.Bytes);

    /// <summary>A page body: the file has it.</summary>
    public static readonly IValueCodec<PageBody> Body = Codec.FingerprintOnly(Codec.OrNull(
        Codec.Record(Codec.String, Codec.Int32, static (PageBody b) => (b.Markdown, b.Line), static t => new PageBody(t.Item1, t.Item2))));

    /// <summary>Rendered Markdown: cheap to render again.</summary>
    public static readonly IValueCodec<RenderedMarkdown> Rendered = Codec.FingerprintOnly(Codec.OrNull(Codec.Record(
        Codec.Record(Codec.String, Codec.String, static ((string Html, string Summary) h) => h, static t => t),
        Codec.Map<ValueList<TocEntry>, IReadOnlyList<TocEntry>>(
            Codec.List(Codec.Record(Codec.Int32, Codec.String, Codec.String, static (TocEntry e) => (e.Level, e.Id, e.Text), static t => new TocEntry(t.Item1, t.Item2, t.Item3))),
            static toc => toc,
            static list => new ValueList<TocEntry>(list)),
        Codec.Record(Codec.Int32, Codec.Int32, static ((int Words, int Minutes) n) => n, static t => t),
        static (RenderedMarkdown r) => ((r.Html, r.SummaryHtml), r.Toc, (r.WordCount, r.ReadingMinutes)),
        static t => new RenderedMarkdown(t.Item1.Item1, t.Item1.Item2, t.Item2, t.Item3.Item1, t.Item3.Item2))));

    /// <summary>Binary, not JSON: a new process that changed one page decodes this list of every output.</summary>
    public static readonly IValueCodec<ValueList<OutputEntry>> Outputs = Codec.Map<ValueList<OutputEntry>, IReadOnlyList<OutputEntry>>(
        Codec.List(Codec.Record(Codec.String, Codec.String, Codec.String, static (OutputEntry e) => (e.Path, e.Key, e.Source), static t => new OutputEntry(t.Item1, t.Item2, t.Item3))),
        static list => list,
        static list => new ValueList<OutputEntry>(list));

    /// <summary>An HTML output and the image variants its layout asked for: the output's file
    /// has the bytes, and a render is cheap to do again.</summary>
    public static readonly IValueCodec<LayoutRender> LayoutRender = Codec.FingerprintOnly(Codec.OrNull(Codec.Record(
        Codec.Bytes,
        Codec.Map<ValueList<string>, IReadOnlyList<string>>(Codec.List(Codec.String), static list => list, static list => new ValueList<string>(list)),
        static (LayoutRender r) => (r.Bytes, r.Images),
        static t => new LayoutRender(t.Item1, t.Item2))));

    /// <summary>A data file's content (any YAML/JSON value) as a one-item list.</summary>
    public static readonly IValueCodec<object?> Data =
        Codec.Map<object?, ValueList<object?>>(SiteJson.Codec<ValueList<object?>>(), static value => new ValueList<object?>([value]), static list => list[0]);
}
