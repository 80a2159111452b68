using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Adaptive.Cli.Tests;

/// <summary>
/// Headless Chromium (the Debian package <c>chromium</c>) driven through the DevTools protocol
/// over a WebSocket: navigate, evaluate JavaScript, take screenshots.
/// </summary>
internal sealed partial class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<Chromium> LaunchAsync()
    {
        string executable = Executable ?? Install() ?? throw new InvalidOperationException("Chromium is not installed and could not be installed: run 'apt-get install chromium' (.ci/run does)");
        string profile = Directory.CreateTempSubdirectory("adapt-chromium-").FullName;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank"])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var browser = new Chromium(process, profile);
        string endpoint = await browser.DevToolsEndpointAsync().ConfigureAwait(false);
        int port = new Uri(endpoint).Port;
        using var http = new HttpClient();
        string targets = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")).ConfigureAwait(false);
        string page = JsonDocument.Parse(targets).RootElement.EnumerateArray()
            .First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
        await browser._socket.ConnectAsync(new Uri(page), CancellationToken.None).ConfigureAwait(false);
        await browser.SendAsync("Page.enable").ConfigureAwait(false);
        return browser;
    }

    /// <summary>Installs the Debian package when the tests run as root on Debian (as CI does).</summary>
    private static string? Install()
    {
        if (!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            return null;
        }

        foreach (string command in (string[])["apt-get update -qq", "apt-get install -y -qq --no-install-recommends chromium"])
        {
            var info = new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using Process process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
        }

        return Executable;
    }

    public async Task NavigateAsync(string url)
    {
        await SendAsync("Page.navigate", new { url }).ConfigureAwait(false);
        await WaitForAsync("document.readyState === 'complete' && location.href === " + JsonSerializer.Serialize(url), TimeSpan.FromSeconds(20)).ConfigureAwait(false);
    }

    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        JsonElement result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true }).ConfigureAwait(false);
        return result.GetProperty("result").TryGetProperty("value", out JsonElement value) ? value : default;
    }

    /// <summary>Polls <paramref name="condition"/> (JavaScript) until it is true.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await EvaluateAsync(condition).ConfigureAwait(false) is { ValueKind: JsonValueKind.True })
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // the page is navigating: its context is gone for a moment
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException("the page never satisfied: " + condition);
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        JsonElement result = await SendAsync("Page.captureScreenshot", new { format = "png" }).ConfigureAwait(false);
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // the browser is going away anyway
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // a crash dump still being written; the temp folder is cleaned later
        }
    }

    private async Task<string> DevToolsEndpointAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new StringBuilder();
        while (true)
        {
            string? line = await _process.StandardError.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Chromium exited before it listened for DevTools: " + seen);
            seen.AppendLine(line);
            Match match = DevToolsLine().Match(line);
            if (match.Success)
            {
                _ = DrainAsync(); // keep reading so the browser never blocks on a full pipe
                return match.Groups[1].Value;
            }
        }
    }

    private async Task DrainAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }
    }

    private async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var stream = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                stream.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            using JsonDocument document = JsonDocument.Parse(stream.ToArray());
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("id", out JsonElement responseId) && responseId.GetInt32() == id)
            {
                if (root.TryGetProperty("error", out JsonElement error))
                {
                    throw new InvalidOperationException(method + ": " + error.GetProperty("message").GetString());
                }

                return root.GetProperty("result").Clone();
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
