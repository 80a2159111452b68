using Adaptive.Site;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;

namespace Adaptive.Cli.Serve;

/// <summary>
/// Serves the output folder with Kestrel (pretty URLs: <c>/blog/a/</c> → <c>blog/a/index.html</c>;
/// <c>404.html</c> for what is missing) and live reload: every HTML page gets a small script that
/// listens on <c>/__adapt/events</c> (server-sent events); after a propagation the server sends
/// the URLs it rewrote, and a page reloads when it is one of them (any stylesheet or script change
/// reloads every page).
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    internal const string ScriptPath = "/__adapt/livereload.js";
    private const string EventsPath = "/__adapt/events";

    private const string Script = """
        (function () {
          var source = new EventSource("/__adapt/events");
          source.onmessage = function (event) {
            var change = JSON.parse(event.data);
            var here = location.pathname;
            var page = here.endsWith("/") ? here : here.replace(/index\.html$/, "");
            if (change.reloadAll || change.urls.indexOf(page) >= 0 || change.urls.indexOf(here) >= 0) {
              location.reload();
            }
          };
        })();
        """;

    private static readonly byte[] s_tag = Encoding.UTF8.GetBytes($"<script src=\"{ScriptPath}\"></script>");
    private readonly string _root;
    private readonly WebApplication _app;
    private readonly List<Channel<string>> _clients = [];
    private readonly FileExtensionContentTypeProvider _types = new();

    private LiveServer(string root, WebApplication app)
    {
        _root = Path.GetFullPath(root);
        _app = app;
    }

    /// <summary>The address it listens on.</summary>
    public string Address { get; private set; } = string.Empty;

    public static async Task<LiveServer> StartAsync(string root, string bind, int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{bind}:{port}");
        WebApplication app = builder.Build();
        var server = new LiveServer(root, app);
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new UsageException($"cannot serve on {bind}:{port} ({ex.Message.TrimEnd('.')}): choose another --port");
        }

        server.Address = $"http://{bind}:{port}/";
        return server;
    }

    /// <summary>Tells open pages which outputs were rewritten (paths relative to the output folder).</summary>
    public void Changed(IReadOnlyCollection<string> written, IReadOnlyCollection<string> deleted)
    {
        if (written.Count == 0 && deleted.Count == 0)
        {
            return;
        }

        bool reloadAll = written.Concat(deleted).Any(p => p.EndsWith(".css", StringComparison.Ordinal) || p.EndsWith(".js", StringComparison.Ordinal));
        var urls = written.Concat(deleted).Select(Adaptive.Site.Site.UrlOfPath).ToList();
        string message = JsonSerializer.Serialize(new { urls, reloadAll });
        lock (_clients)
        {
            foreach (Channel<string> client in _clients)
            {
                client.Writer.TryWrite(message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (Channel<string> client in _clients)
            {
                client.Writer.TryComplete();
            }
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        if (path == EventsPath)
        {
            await EventsAsync(context).ConfigureAwait(false);
            return;
        }

        if (path == ScriptPath)
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync(Script).ConfigureAwait(false);
            return;
        }

        if (Resolve(path) is not { } file)
        {
            if (Full(path) is { Length: > 0 } folder && Directory.Exists(folder) && !ThroughLink(folder) && !path.EndsWith('/'))
            {
                context.Response.Redirect(path + "/" + context.Request.QueryString, permanent: false);
                return;
            }

            string notFound = Path.Combine(_root, "404.html");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            if (File.Exists(notFound))
            {
                await SendAsync(context, notFound).ConfigureAwait(false);
            }

            return;
        }

        await SendAsync(context, file).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpContext context, string file)
    {
        byte[] bytes = await File.ReadAllBytesAsync(file, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = _types.TryGetContentType(file, out string? type) ? (type.StartsWith("text/", StringComparison.Ordinal) ? type + "; charset=utf-8" : type) : "application/octet-stream";
        if (file.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            bytes = Inject(bytes);
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Adds the live-reload script before <c>&lt;/body&gt;</c> (or at the end).</summary>
    internal static byte[] Inject(byte[] html)
    {
        int at = html.AsSpan().LastIndexOf("</body>"u8);
        if (at < 0)
        {
            at = html.Length;
        }

        var result = new byte[html.Length + s_tag.Length];
        html.AsSpan(0, at).CopyTo(result);
        s_tag.CopyTo(result.AsSpan(at));
        html.AsSpan(at).CopyTo(result.AsSpan(at + s_tag.Length));
        return result;
    }

    private async Task EventsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateUnbounded<string>();
        lock (_clients)
        {
            _clients.Add(channel);
        }

        try
        {
            await context.Response.WriteAsync(": connected\n\n", context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (string message in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync("data: " + message + "\n\n", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
        finally
        {
            lock (_clients)
            {
                _clients.Remove(channel);
            }
        }
    }

    /// <summary>The file a URL path serves, never outside the output folder: no <c>..</c>
    /// segment (encoded or not), no NUL, and no symbolic link on the way (adapt never writes one,
    /// so one in the output folder was put there by someone else and may lead anywhere).</summary>
    private string? Resolve(string path)
    {
        string full = Full(path);
        if (full.Length == 0)
        {
            return null;
        }

        if (path.EndsWith('/'))
        {
            full = Path.Combine(full, "index.html");
        }

        return File.Exists(full) && !ThroughLink(full) && !OutputWriter.IsBookkeeping(Path.GetFileName(full)) ? full : null; // not the build's manifest, journal or lock
    }

    private bool ThroughLink(string full)
    {
        for (string? at = full; at is not null && at.Length > _root.Length; at = Path.GetDirectoryName(at))
        {
            if (new FileInfo(at).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The absolute path a URL path names inside the output folder ("" when it would
    /// leave it or is not a valid path).</summary>
    private string Full(string path)
    {
        string relative = Uri.UnescapeDataString(path).TrimStart('/');
        if (relative.Contains('\0', StringComparison.Ordinal) || relative.Replace('\\', '/').Split('/').Any(segment => segment is ".."))
        {
            return string.Empty;
        }

        string full = Path.GetFullPath(Path.Combine(_root, relative));
        string root = _root.TrimEnd(Path.DirectorySeparatorChar);
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : string.Empty;
    }
}
