using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Adaptive.Cli.Tests;

/// <summary>The dev server of <c>adapt watch --serve</c>: loopback only by default, never a file
/// outside the output folder, and 200 concurrent connections served while live-reload clients
/// are connected (docs/design/reliability.md).</summary>
public sealed class ServeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("adapt-serve-").FullName;

    public ServeTests()
    {
        Site = Path.Combine(_work, "site");
        Assert.Equal(0, AdaptProcess.Run(_work, "new", "site", "site").Exit);
        File.WriteAllText(Path.Combine(_work, "secret.txt"), "SECRET");
        Directory.CreateDirectory(Path.Combine(_work, "secret-folder"));
        File.WriteAllText(Path.Combine(_work, "secret-folder", "index.html"), "SECRET");
    }

    private string Site { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Serves_only_the_output_folder_on_loopback_and_200_connections_at_once()
    {
        int port = FreePort();
        using var watch = new WatchProcess(Site, "--serve", "--port", port.ToString(CultureInfo.InvariantCulture));
        watch.Next();
        await WaitForServerAsync(port);

        // Loopback only: the listening socket is bound to 127.0.0.1.
        Assert.Contains(ListeningAddresses(port), address => address == "0100007F");
        Assert.DoesNotContain(ListeningAddresses(port), address => address == "00000000");

        // Outside the output folder: raw request lines, as an attacker would send them.
        string output = Path.Combine(Site, "public");
        File.CreateSymbolicLink(Path.Combine(output, "leak.txt"), Path.Combine(_work, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(output, "leaked-folder"), Path.Combine(_work, "secret-folder"));
        string sibling = output + "-other";
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "index.html"), "SECRET");
        foreach (string target in (string[])[
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/%252e%252e/secret.txt",
            "//etc/passwd", "/%2Fetc%2Fpasswd", "/leak.txt", "/leaked-folder/", "/leaked-folder/index.html", "/../public-other/", "/%00/index.html",
            "/.adapt-outputs", "/" + Path.Combine(_work, "secret.txt").TrimStart('/')])
        {
            (int status, string body) = await RawGetAsync(port, target);
            Assert.True(status is 400 or 404, $"GET {target} answered {status}");
            Assert.DoesNotContain("SECRET", body, StringComparison.Ordinal);
            Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        }

        Assert.Equal(200, (await RawGetAsync(port, "/blog/hello-world/")).Status);

        // 200 connections at once, with 50 live-reload clients listening.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 300 }) { Timeout = TimeSpan.FromSeconds(60) };
        var listeners = new List<(HttpResponseMessage Response, StreamReader Reader)>();
        for (int i = 0; i < 50; i++)
        {
            HttpResponseMessage events = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/__adapt/events"), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
            var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            Assert.Equal(": connected", await reader.ReadLineAsync());
            listeners.Add((events, reader));
        }

        string[] pages = ["/", "/blog/", "/blog/hello-world/", "/about/", "/tags/"];
        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => http.GetAsync(new Uri($"http://127.0.0.1:{port}{pages[i % pages.Length]}"))));
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }

        // An edit reaches every live-reload client.
        File.AppendAllText(Path.Combine(Site, "content", "blog", "hello-world.md"), "\nServed edit.\n");
        foreach ((HttpResponseMessage response, StreamReader reader) in listeners)
        {
            string? line;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            do
            {
                line = await reader.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));

            Assert.Contains("/blog/hello-world/", line, StringComparison.Ordinal);
            reader.Dispose();
            response.Dispose();
        }

        Assert.False(watch.Process.HasExited, watch.Errors);
    }

    private static async Task<(int Status, string Body)> RawGetAsync(int port, string target)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using NetworkStream stream = client.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync();
        string[] status = response.Split('\n', 2)[0].Split(' ');
        return (int.Parse(status[1], CultureInfo.InvariantCulture), response);
    }

    /// <summary>The local addresses (hex, as /proc/net/tcp writes them) listening on <paramref name="port"/>.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        var addresses = new List<string>();
        foreach (string table in (string[])["/proc/net/tcp", "/proc/net/tcp6"])
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string[] local = fields[1].Split(':');
                if (fields[3] == "0A" && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port) // 0A: LISTEN
                {
                    addresses.Add(local[0].Trim('0').Length == 0 ? "00000000" : local[0]);
                }
            }
        }

        return addresses;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForServerAsync(int port)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if ((await RawGetAsync(port, "/")).Status == 200)
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("adapt watch --serve did not start serving on port " + port);
    }
}
