using System.Text.Json;
using System.Text.Json.Serialization;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>The process's resource use so far (peak resident memory, CPU time).</summary>
internal static class ProcessStats
{
    public static long PeakWorkingSet
    {
        get
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
    }

    public static TimeSpan CpuTime
    {
        get
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}

/// <summary>The JSON of a build (<c>adapt build --json</c>, and each propagation of
/// <c>adapt watch --json</c>, which adds <c>changedInputs</c>). Field names are a contract.</summary>
internal static class BuildJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Of(string mode, BuildReport report, IReadOnlyCollection<string>? changedInputs = null)
    {
        var json = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["mode"] = mode,
            ["succeeded"] = report.Succeeded,
            ["elapsedMs"] = Math.Round(report.Elapsed.TotalMilliseconds, 2),
            ["pages"] = report.Pages,
            ["outputs"] = report.Outputs,
            ["memosExecuted"] = report.Work.Executions,
            ["memosReused"] = report.Work.Reused,
            ["pagesRendered"] = report.Rendered,
            ["filesWritten"] = report.Written.Count,
            ["filesDeleted"] = report.Deleted.Count,
            ["written"] = report.Written,
            ["deleted"] = report.Deleted,
            ["errors"] = Diagnostics(report.Diagnostics, DiagnosticSeverity.Error),
            ["warnings"] = Diagnostics(report.Diagnostics, DiagnosticSeverity.Warning),
            ["peakWorkingSetBytes"] = ProcessStats.PeakWorkingSet,
            ["cpuMs"] = Math.Round(ProcessStats.CpuTime.TotalMilliseconds, 1),
            ["phases"] = (report.Phases ?? []).Select(p => new { name = p.Name, elapsedMs = Math.Round(p.Elapsed.TotalMilliseconds, 2), items = p.Items }).ToList(),
        };
        if (changedInputs is not null)
        {
            json["changedInputs"] = changedInputs.Order(StringComparer.Ordinal).ToList();
        }

        return JsonSerializer.Serialize(json, s_options);
    }

    /// <summary>An error outside any build (no site, trace in use) as the same object shape.</summary>
    public static string Failure(string mode, string message) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["mode"] = mode,
        ["succeeded"] = false,
        ["errors"] = new[] { new { file = (string?)null, line = 0, column = 0, message } },
    }, s_options);

    private static List<object> Diagnostics(IReadOnlyList<SiteDiagnostic> diagnostics, DiagnosticSeverity severity) =>
        [.. diagnostics.Where(d => d.Severity == severity).Select(d => (object)new { file = d.File, line = d.Line, column = d.Column, message = d.Message })];
}
