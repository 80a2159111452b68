using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private static readonly IValueCodec<object?> s_dataCodec =
        Codec.Map<object?, ValueList<object?>>(SiteJson.Codec<ValueList<object?>>(), static value => new ValueList<object?>([value]), static list => list[0]);

    /// <summary>The names of the data files (<c>data/authors.yaml</c> → <c>authors</c>), sorted.</summary>
    [Memo(Codec = nameof(s_listCodec))]
    public partial ValueList<string> DataNames { get; }

    /// <summary>The content of the data file named <paramref name="name"/> (see
    /// <see cref="DataFileParser"/>), or null when there is none. A template that reads
    /// <c>site.data.authors</c> depends on this file only.</summary>
    [Memo(Codec = nameof(s_dataCodec))]
    public partial object? Data(string name);

    /// <summary>Errors in data files: reported by every build, whether or not a template reads
    /// the file.</summary>
    [Memo(Codec = nameof(s_diagnosticsCodec))]
    public partial ValueList<SiteDiagnostic> DataProblems { get; }

    private ValueList<string> ComputeDataNames() => _logic.ComputeDataNames();

    private object? ComputeData(string name) => _logic.ComputeData(name);

    private ValueList<SiteDiagnostic> ComputeDataProblems() => _logic.ComputeDataProblems();
}
