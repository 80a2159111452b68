using System.Buffers;
using System.Text;
using System.Text.Json;
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
/// <remarks>Written field by field with <see cref="Utf8JsonWriter"/>: the reflection-based
/// serializer's first use cost a no-op build 80 ms, a third of it (docs scenario).</remarks>
internal static class BuildJson
{
    public static string Of(string mode, BuildReport report, IReadOnlyCollection<string>? changedInputs = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mode", mode);
            json.WriteBoolean("succeeded", report.Succeeded);
            json.WriteNumber("elapsedMs", Math.Round(report.Elapsed.TotalMilliseconds, 2));
            json.WriteNumber("pages", report.Pages);
            json.WriteNumber("outputs", report.Outputs);
            json.WriteNumber("memosExecuted", report.Work.Executions);
            json.WriteNumber("memosReused", report.Work.Reused);
            json.WriteNumber("pagesRendered", report.Rendered);
            json.WriteNumber("filesWritten", report.Written.Count);
            json.WriteNumber("filesDeleted", report.Deleted.Count);
            WriteStrings(json, "written", report.Written);
            WriteStrings(json, "deleted", report.Deleted);
            WriteDiagnostics(json, "errors", report.Diagnostics, DiagnosticSeverity.Error);
            WriteDiagnostics(json, "warnings", report.Diagnostics, DiagnosticSeverity.Warning);
            json.WriteNumber("peakWorkingSetBytes", ProcessStats.PeakWorkingSet);
            json.WriteNumber("cpuMs", Math.Round(ProcessStats.CpuTime.TotalMilliseconds, 1));
            json.WriteStartArray("phases");
            foreach (PhaseTiming phase in report.Phases ?? [])
            {
                json.WriteStartObject();
                json.WriteString("name", phase.Name);
                json.WriteNumber("elapsedMs", Math.Round(phase.Elapsed.TotalMilliseconds, 2));
                json.WriteNumber("items", phase.Items);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (changedInputs is not null)
            {
                var sorted = new List<string>(changedInputs);
                sorted.Sort(StringComparer.Ordinal);
                WriteStrings(json, "changedInputs", sorted);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An error outside any build (no site, trace in use) as the same object shape.</summary>
    public static string Failure(string mode, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mode", mode);
            json.WriteBoolean("succeeded", false);
            json.WriteStartArray("errors");
            WriteDiagnostic(json, null, 0, 0, message);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteDiagnostics(Utf8JsonWriter json, string name, IReadOnlyList<SiteDiagnostic> diagnostics, DiagnosticSeverity severity)
    {
        json.WriteStartArray(name);
        foreach (SiteDiagnostic diagnostic in diagnostics)
        {
            if (diagnostic.Severity == severity)
            {
                WriteDiagnostic(json, diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Message);
            }
        }

        json.WriteEndArray();
    }

    /// <summary>One diagnostic: <c>file</c> is left out when the problem has no file.</summary>
    private static void WriteDiagnostic(Utf8JsonWriter json, string? file, int line, int column, string message)
    {
        json.WriteStartObject();
        if (file is not null)
        {
            json.WriteString("file", file);
        }

        json.WriteNumber("line", line);
        json.WriteNumber("column", column);
        json.WriteString("message", message);
        json.WriteEndObject();
    }
}
