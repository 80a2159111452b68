using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Adaptive.Cli.Tests;

/// <summary>Runs the real <c>adapt</c> (the adapt.dll built next to the tests) as a child process.</summary>
internal static class AdaptProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "adapt.dll");

    /// <summary>The time every adapt process of the tests acts at (<c>SOURCE_DATE_EPOCH</c>):
    /// never the real date, so builds in a row see the same time and do the same work any day.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs adapt to completion.</summary>
    public static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] args) =>
        RunWith(null, workingDirectory, args);

    /// <summary>Runs adapt to completion with <paramref name="environment"/> added to (or, for a
    /// null value, removed from) its environment.</summary>
    public static (int Exit, string Out, string Err) RunWith(IReadOnlyDictionary<string, string?>? environment, string workingDirectory, params string[] args)
    {
        using Process process = Start(workingDirectory, args, environment);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("adapt " + string.Join(' ', args) + " did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs adapt with <c>--json</c> and parses the one object it prints.</summary>
    public static JsonElement Json(string workingDirectory, params string[] args)
    {
        (int exit, string output, string error) = Run(workingDirectory, [.. args, "--json"]);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one JSON line (exit {exit}), got:\n{output}\nstderr:\n{error}");
        return JsonDocument.Parse(lines[0]).RootElement.Clone();
    }

    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, args, null);

    private static Process Start(string workingDirectory, string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["SOURCE_DATE_EPOCH"] = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return Process.Start(info)!;
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends).</summary>
    public static void Interrupt(Process process)
    {
        using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}

/// <summary>A running <c>adapt watch --json</c>: its stdout lines as they arrive.</summary>
internal sealed class WatchProcess : IDisposable
{
    private readonly BlockingCollection<string> _lines = [];
    private readonly System.Text.StringBuilder _errors = new();

    public WatchProcess(string site, params string[] extra)
    {
        Process = AdaptProcess.Start(site, ["watch", "--json", "--debounce", "150", .. extra]);
        Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                _lines.Add(line);
            }
        };
        Process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The next propagation's JSON.</summary>
    public JsonElement Next(TimeSpan? timeout = null)
    {
        Assert.True(_lines.TryTake(out string? line, timeout ?? TimeSpan.FromSeconds(60)), "no output from adapt watch; stderr:\n" + Errors);
        return JsonDocument.Parse(line!).RootElement.Clone();
    }

    /// <summary>The next propagation's JSON, if one arrives within <paramref name="timeout"/>.</summary>
    public bool TryNext(TimeSpan timeout, out JsonElement next)
    {
        next = default;
        if (!_lines.TryTake(out string? line, timeout))
        {
            return false;
        }

        next = JsonDocument.Parse(line).RootElement.Clone();
        return true;
    }

    /// <summary>Waits until no propagation has been printed for <paramref name="quiet"/>; returns
    /// the last one seen (default when none).</summary>
    public JsonElement Settle(TimeSpan quiet)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        JsonElement last = default;
        while (TryNext(quiet, out JsonElement next))
        {
            last = next;
            Assert.True(DateTime.UtcNow < deadline, "adapt watch never settled; stderr:\n" + Errors);
        }

        return last;
    }

    /// <summary>Propagations until one satisfies <paramref name="done"/> (edits may arrive in several batches).</summary>
    public JsonElement NextUntil(Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement next = Next(deadline - DateTime.UtcNow);
            if (done(next))
            {
                return next;
            }
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
        _lines.Dispose();
    }
}
