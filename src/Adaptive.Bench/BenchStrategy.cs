using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Adaptive.Bench;

/// <summary>One measured build: what the build's JSON said, plus the wall time seen by the driver.</summary>
/// <param name="WallMs">Wall time: for a new process, from start to exit; for the live process,
/// the propagation's own time (from the settled batch to the files on disk).</param>
/// <param name="CpuMs">CPU time of the build.</param>
/// <param name="PeakBytes">Peak resident memory of the process so far.</param>
/// <param name="MemosExecuted">Memos executed (adaptive).</param>
/// <param name="MemosReused">Memos reused from the trace (adaptive, new process).</param>
/// <param name="Rendered">Outputs rendered.</param>
/// <param name="Written">Files written plus files deleted.</param>
internal sealed record Measurement(double WallMs, double CpuMs, long PeakBytes, long MemosExecuted, long MemosReused, int Rendered, int Written);

/// <summary>A way of building: a live <c>adapt watch</c> process, or a new <c>adapt build</c>
/// process per build in one of the modes.</summary>
internal abstract class BenchStrategy(string name, string site, string output) : IDisposable
{
    public string Name { get; } = name;

    public string Site { get; } = site;

    public string Output { get; } = output;

    /// <summary>False when the strategy has no meaningful no-op build (the live process does
    /// nothing until a file changes).</summary>
    public virtual bool MeasuresNoOp => true;

    public static BenchStrategy Create(string name, string site, string output) => name switch
    {
        "adaptive-live" => new LiveStrategy(site, output),
        "adaptive-new-process" => new ProcessStrategy(name, site, output, "adaptive"),
        "phased-full" => new ProcessStrategy(name, site, output, "phased"),
        "phased-incremental" => new ProcessStrategy(name, site, output, "phased-incremental"),
        _ => throw new ArgumentException($"unknown strategy '{name}': use adaptive-live, adaptive-new-process, phased-full or phased-incremental"),
    };

    /// <summary>A cold build: no output, no trace or cache.</summary>
    public abstract Measurement Cold();

    /// <summary>Builds after <paramref name="edit"/> has changed files (null: nothing changed).</summary>
    public abstract Measurement Build(Action? edit);

    public virtual void Dispose()
    {
    }

    /// <summary>Starts adapt (the running executable: this runs inside <c>adapt bench</c>) with
    /// <paramref name="args"/>.</summary>
    protected static Process StartAdapt(IEnumerable<string> args)
    {
        string self = Environment.ProcessPath!;
        string dll = System.Reflection.Assembly.GetEntryAssembly()!.Location; // adapt.dll under the dotnet host
        bool host = Path.GetFileNameWithoutExtension(self) is "dotnet";
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (host)
        {
            info.ArgumentList.Add(dll);
        }

        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    protected static Measurement FromJson(JsonElement json, double wallMs, double cpuMs) => new(
        wallMs,
        cpuMs,
        json.GetProperty("peakWorkingSetBytes").GetInt64(),
        json.GetProperty("memosExecuted").GetInt64(),
        json.GetProperty("memosReused").GetInt64(),
        json.GetProperty("pagesRendered").GetInt32(),
        json.GetProperty("filesWritten").GetInt32() + json.GetProperty("filesDeleted").GetInt32());

    protected void ClearState()
    {
        string state = Path.Combine(Site, ".adapt");
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }

        if (Directory.Exists(Output))
        {
            Directory.Delete(Output, recursive: true);
        }
    }

    private sealed class ProcessStrategy(string name, string site, string output, string mode) : BenchStrategy(name, site, output)
    {
        public override Measurement Cold()
        {
            ClearState();
            return Build(null);
        }

        public override Measurement Build(Action? edit)
        {
            edit?.Invoke();
            var clock = Stopwatch.StartNew();
            using Process process = StartAdapt(["build", "-s", Site, "-o", Output, "--mode", mode, "--json"]);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            double wall = clock.Elapsed.TotalMilliseconds;
            string text = stdout.Result.Trim();
            if (text.Length == 0)
            {
                throw new InvalidOperationException($"adapt build ({mode}) printed nothing: {stderr.Result}");
            }

            JsonElement json = JsonDocument.Parse(text).RootElement;
            return FromJson(json, wall, json.GetProperty("cpuMs").GetDouble());
        }
    }

    /// <summary>A running <c>adapt watch --json</c>: each edit's propagation is one JSON line.</summary>
    private sealed class LiveStrategy(string site, string output) : BenchStrategy("adaptive-live", site, output)
    {
        private readonly BlockingCollection<string> _lines = [];
        private Process? _process;
        private double _cpu;

        public override bool MeasuresNoOp => false;

        public override Measurement Cold()
        {
            Stop();
            ClearState();
            var clock = Stopwatch.StartNew();
            _process = StartAdapt(["watch", "-s", Site, "-o", Output, "--json", "--debounce", "20"]);
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    _lines.Add(line);
                }
            };
            _process.BeginOutputReadLine();
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            JsonElement json = Next();
            _cpu = json.GetProperty("cpuMs").GetDouble();
            return FromJson(json, clock.Elapsed.TotalMilliseconds, _cpu);
        }

        public override Measurement Build(Action? edit)
        {
            if (edit is null)
            {
                return new Measurement(0, 0, 0, 0, 0, 0, 0);
            }

            edit();
            JsonElement json = Next();
            double cpu = json.GetProperty("cpuMs").GetDouble();
            Measurement measurement = FromJson(json, json.GetProperty("elapsedMs").GetDouble(), cpu - _cpu);
            _cpu = cpu;
            return measurement;
        }

        public override void Dispose()
        {
            Stop();
            _lines.Dispose();
            base.Dispose();
        }

        private JsonElement Next()
        {
            // A batch may be split by the debounce; wait until the watcher has been quiet, and
            // sum what it did (the edit's propagation is the sum of its batches).
            if (!_lines.TryTake(out string? line, TimeSpan.FromMinutes(30)))
            {
                throw new TimeoutException("adapt watch did not report a propagation");
            }

            JsonElement json = JsonDocument.Parse(line).RootElement.Clone();
            while (_lines.TryTake(out string? more, TimeSpan.FromMilliseconds(300)))
            {
                json = Merge(json, JsonDocument.Parse(more).RootElement.Clone());
            }

            return json;
        }

        private static JsonElement Merge(JsonElement first, JsonElement second)
        {
            var merged = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["elapsedMs"] = first.GetProperty("elapsedMs").GetDouble() + second.GetProperty("elapsedMs").GetDouble(),
                ["cpuMs"] = second.GetProperty("cpuMs").GetDouble(),
                ["peakWorkingSetBytes"] = second.GetProperty("peakWorkingSetBytes").GetInt64(),
                ["memosExecuted"] = first.GetProperty("memosExecuted").GetInt64() + second.GetProperty("memosExecuted").GetInt64(),
                ["memosReused"] = first.GetProperty("memosReused").GetInt64() + second.GetProperty("memosReused").GetInt64(),
                ["pagesRendered"] = first.GetProperty("pagesRendered").GetInt32() + second.GetProperty("pagesRendered").GetInt32(),
                ["filesWritten"] = first.GetProperty("filesWritten").GetInt32() + second.GetProperty("filesWritten").GetInt32(),
                ["filesDeleted"] = first.GetProperty("filesDeleted").GetInt32() + second.GetProperty("filesDeleted").GetInt32(),
            };
            return JsonSerializer.SerializeToElement(merged);
        }

        private void Stop()
        {
            if (_process is null)
            {
                return;
            }

            if (!_process.HasExited)
            {
                using Process kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.Dispose();
            _process = null;
            while (_lines.TryTake(out _))
            {
            }
        }
    }
}
