using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    // Binary, not JSON: a new process that changed one page decodes this list of every output.
    private static readonly IValueCodec<ValueList<OutputEntry>> s_outputsCodec = Codec.Map<ValueList<OutputEntry>, IReadOnlyList<OutputEntry>>(
        Codec.List(Codec.Record(Codec.String, Codec.String, Codec.String, static (OutputEntry e) => (e.Path, e.Key, e.Source), static t => new OutputEntry(t.Item1, t.Item2, t.Item3))),
        static list => list,
        static list => new ValueList<OutputEntry>(list));
    private static readonly IValueCodec<ValueList<SiteDiagnostic>> s_diagnosticsCodec = SiteJson.Codec<ValueList<SiteDiagnostic>>();
    private static readonly IEqualityComparer<byte[]> s_bytes = ByteContentComparer.Instance;
    private static readonly IValueCodec<SiteReport> s_reportCodec = SiteJson.Codec<SiteReport>();
    private static readonly IValueCodec<OutputClaims> s_claimsCodec = SiteJson.Codec<OutputClaims>();

    /// <summary>Every output file, sorted by path; one per path (see <see cref="OutputConflicts"/>).</summary>
    [Memo(Codec = nameof(s_outputsCodec))]
    public partial ValueList<OutputEntry> Outputs { get; }

    /// <summary>Problems found while listing outputs: two sources claiming one path, URLs that
    /// would leave the output folder.</summary>
    [Memo(Codec = nameof(s_diagnosticsCodec))]
    public partial ValueList<SiteDiagnostic> OutputConflicts { get; }

    /// <summary>The bytes of the output with <paramref name="key"/> (see <see cref="OutputEntry"/>).
    /// Keyed by what it renders, not by its path, so it never depends on the list of outputs.
    /// Compared by content: equal bytes stop the change here.</summary>
    [Memo(Comparer = nameof(s_bytes), Codec = nameof(s_fileBytesCodec))]
    public partial byte[] Output(string key);

    /// <summary>Every folder under <c>content/</c> that holds pages or an <c>_index.md</c>, with
    /// its ancestors; "" is the home page.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> Sections { get; }

    [Memo(Codec = nameof(s_claimsCodec))]
    private partial OutputClaims Claims { get; }

    /// <summary>What a build reports besides the output bytes: the outputs, the number of pages
    /// and every problem found listing outputs, reading data files and checking links. Observed
    /// by the builder, so a new process finds all of it in the trace.</summary>
    [Memo(Codec = nameof(s_reportCodec))]
    internal partial SiteReport Report { get; }

    /// <summary>The memo behind <see cref="Report"/> (for observers).</summary>
    internal Memo<SiteReport> ReportMemo =>
        __memo_Report ?? __memoMember_Report.Create(ref __memo_Report, this, Runtime, codec: s_reportCodec); // same arguments as [Memo] passes

    private SiteReport ComputeReport() => _logic.ComputeReport();

    /// <summary>The memo behind <see cref="Output"/> for <paramref name="key"/> (for observers).</summary>
    internal Memo<byte[]> OutputMemo(string key) => OutputTable.GetMemo(key);

    /// <summary>In a single build: true when the trace proves the output <paramref name="key"/>
    /// unchanged; its memo is not created (see <see cref="MemoTable{TKey, TValue}.TryKeepStored"/>).</summary>
    internal bool TryKeepOutput(string key) => OutputTable.TryKeepStored(key);

    /// <summary>The generated table of <see cref="Output"/> (same arguments as [Memo] passes).</summary>
    private MemoTable<string, byte[]> OutputTable =>
        __memo_Output ?? __memoMember_Output.Create(ref __memo_Output, this, Runtime, comparer: s_bytes, codec: s_fileBytesCodec);

    private ValueList<OutputEntry> ComputeOutputs() => Claims.Entries;

    private ValueList<SiteDiagnostic> ComputeOutputConflicts() => _logic.ComputeOutputConflicts();

    private ValueList<string> ComputeSections() => _logic.ComputeSections();

    private OutputClaims ComputeClaims() => _logic.ComputeClaims();

    private byte[] ComputeOutput(string key) => _logic.ComputeOutput(key);
}

/// <summary>The outputs (one per path) and the problems found listing them.</summary>
/// <param name="Entries">The outputs, sorted by path.</param>
/// <param name="Problems">Conflicts and invalid URLs.</param>
/// <param name="Disabled">The paths of outputs whose kind adapt.yaml disables (not made; links
/// to them are not broken), sorted.</param>
internal sealed record OutputClaims(ValueList<OutputEntry> Entries, ValueList<SiteDiagnostic> Problems, ValueList<string> Disabled);

/// <summary>What a build reports besides output bytes.</summary>
/// <param name="Pages">Published regular pages.</param>
/// <param name="Problems">Output conflicts, data file errors, broken links.</param>
internal sealed record SiteReport(int Pages, ValueList<SiteDiagnostic> Problems);
