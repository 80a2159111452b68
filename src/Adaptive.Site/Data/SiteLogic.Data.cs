// Data files: their names, their content as templates read it, and their errors.

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The names of the data files (<c>data/authors.yaml</c> → <c>authors</c>), sorted.</summary>
    internal static readonly SiteValue<ValueList<string>> DataNames = new("Site.DataNames", static s => s.ComputeDataNames(), SiteCodecs.List);

    /// <summary>The content of the data file with this name (see <see cref="DataFileParser"/>),
    /// or null when there is none. A template that reads <c>site.data.authors</c> depends on
    /// this file only.</summary>
    internal static readonly SiteTable<string, object?> Data = new("Site.Data", static (s, name) => s.ComputeData(name), SiteCodecs.Data);

    /// <summary>Errors in data files: reported by every build, whether or not a template reads the file.</summary>
    internal static readonly SiteValue<ValueList<SiteDiagnostic>> DataProblems = new("Site.DataProblems", static s => s.ComputeDataProblems(), SiteCodecs.Diagnostics);

    private ValueList<string> ComputeDataNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Model.Files.Data)
        {
            names.Add(DataFileParser.NameOf(file));
        }

        return new ValueList<string>(names);
    }

    private object? ComputeData(string name)
    {
        string? found = null;
        foreach (string file in Model.Files.Data)
        {
            if (DataFileParser.NameOf(file) != name)
            {
                continue;
            }

            if (found is not null)
            {
                throw new SiteException(new SiteDiagnostic(file, 0, 0,
                    $"two data files are named '{name}' ({found} and {file}): templates read both as site.data.{name}; rename or remove one"));
            }

            found = file;
        }

        return found is null ? null : DataFileParser.Parse(found, Model.Text(found));
    }

    private ValueList<SiteDiagnostic> ComputeDataProblems()
    {
        var problems = new List<SiteDiagnostic>();
        foreach (string name in Get(DataNames))
        {
            try
            {
                _ = Get(Data, name);
            }
            catch (SiteException ex)
            {
                problems.Add(ex.Diagnostic);
            }
        }

        return new ValueList<SiteDiagnostic>(problems);
    }
}
