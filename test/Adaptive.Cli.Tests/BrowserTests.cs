using System.Net;
using System.Net.Sockets;
using PuppeteerSharp;

namespace Adaptive.Cli.Tests;

/// <summary>The default theme in a real browser: a page served by <c>adapt watch --serve</c>
/// shows an edit of its source without a manual reload, and the search box finds pages and
/// opens one from the keyboard. Screenshots of the home page and of search results are saved
/// as test artifacts (<c>artifacts/home.png</c>, <c>artifacts/search.png</c> next to the test
/// assembly).</summary>
public sealed class BrowserTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("adapt-browser-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task An_open_page_shows_an_edit_of_its_source_without_a_manual_reload()
    {
        (WatchProcess served, string root) = await ServeNewSiteAsync("site", "--title", "Live Site");
        using WatchProcess watch = served;
        string site = Path.Combine(_work, "site");

        await using IBrowser browser = await Chromium.LaunchAsync();
        await using IPage page = await browser.NewPageAsync();
        await page.GoToAsync(root);
        Assert.Equal("Welcome · Live Site", await page.EvaluateExpressionAsync<string>("document.title"));
        byte[] screenshot = await SaveScreenshotAsync(page, "home.png");
        Assert.True(screenshot.Length > 10_000 && screenshot[1] == (byte)'P' && screenshot[2] == (byte)'N' && screenshot[3] == (byte)'G', "a PNG of the home page");

        string url = root + "blog/second-post/";
        await page.GoToAsync(url);
        await page.EvaluateExpressionAsync("window.__adaptMarker = 'not reloaded yet'");
        string post = Path.Combine(site, "content/blog/second-post.md");
        File.WriteAllText(post, File.ReadAllText(post).Replace("Posts are listed by weight", "Live reload works: posts are listed by weight", StringComparison.Ordinal));

        await page.WaitForExpressionAsync("document.body.innerText.includes('Live reload works')", new WaitForFunctionOptions { Timeout = 30_000 });
        Assert.True(await page.EvaluateExpressionAsync<bool>("typeof window.__adaptMarker === 'undefined'"), "the page reloaded itself");
        Assert.Equal(url, await page.EvaluateExpressionAsync<string>("location.href"));
    }

    [Fact]
    public async Task The_search_box_finds_a_page_by_its_words_and_opens_it_from_the_keyboard()
    {
        (WatchProcess served, string root) = await ServeNewSiteAsync("site", "--title", "Search Site");
        using WatchProcess watch = served;

        await using IBrowser browser = await Chromium.LaunchAsync();
        await using IPage page = await browser.NewPageAsync();
        await page.GoToAsync(root);
        await page.FocusAsync("#site-search-input");
        await page.Keyboard.TypeAsync("second POST");
        await page.WaitForSelectorAsync("#site-search-results [role=option]", new WaitForSelectorOptions { Visible = true, Timeout = 15_000 });
        Assert.Equal(["A second post"], await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#site-search-results .search-title')].map(e => e.textContent)"));
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-input').getAttribute('aria-expanded')"));
        Assert.Equal("1 page found.", await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-status').textContent"));
        await SaveScreenshotAsync(page, "search.png");

        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("site-search-result-0", await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-input').getAttribute('aria-activedescendant')"));
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-result-0').getAttribute('aria-selected')"));
        await Task.WhenAll(page.WaitForNavigationAsync(), page.Keyboard.PressAsync("Enter"));
        Assert.Equal(root + "blog/second-post/", page.Url);

        // No match says so; Escape closes the list, a second Escape clears the box.
        await page.FocusAsync("#site-search-input");
        await page.Keyboard.TypeAsync("zebra");
        await page.WaitForSelectorAsync("#site-search-results .search-empty", new WaitForSelectorOptions { Visible = true, Timeout = 15_000 });
        Assert.Equal("No pages match.", await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-status').textContent"));
        await page.Keyboard.PressAsync("Escape");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('site-search-results').hidden"));
        Assert.Equal("zebra", await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-input').value"));
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(string.Empty, await page.EvaluateExpressionAsync<string>("document.getElementById('site-search-input').value"));
    }

    [Fact]
    public async Task The_docs_starter_shows_highlighted_code_and_finds_a_page_from_the_search_box()
    {
        (WatchProcess served, string root) = await ServeNewSiteAsync("docs", "--theme", "docs", "--title", "Docs Site");
        using WatchProcess watch = served;

        await using IBrowser browser = await Chromium.LaunchAsync();
        await using IPage page = await browser.NewPageAsync();
        await page.GoToAsync(root + "docs/configure/");
        // Highlighted: the spans are there and the theme colors them unlike the code around them.
        Assert.True(await page.EvaluateExpressionAsync<bool>(
            "(() => { const s = document.querySelector('pre code span.hl-string'); return !!s && getComputedStyle(s).color !== getComputedStyle(s.parentElement).color; })()"));
        await page.FocusAsync("#site-search-input");
        await page.Keyboard.TypeAsync("api");
        await page.WaitForSelectorAsync("#site-search-results [role=option]", new WaitForSelectorOptions { Visible = true, Timeout = 15_000 });
        Assert.Contains("API", await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#site-search-results .search-title')].map(e => e.textContent)"));
        await SaveScreenshotAsync(page, "docs.png");
    }

    [Fact]
    public async Task The_blog_starter_shows_its_processed_pictures_and_shortcodes_in_a_browser()
    {
        (WatchProcess served, string root) = await ServeNewSiteAsync("blog");
        using WatchProcess watch = served;

        await using IBrowser browser = await Chromium.LaunchAsync();
        await using IPage page = await browser.NewPageAsync();
        // The WebP and JPEG variants decode in the browser and show at the page's size; the
        // srcset gives a 2x screen the larger variant of each.
        const string Decoded = "async () => Promise.all([...document.querySelectorAll('.content img')].map(async i => { i.loading = 'eager'; await i.decode(); return i.currentSrc.split('/').pop().split('.')[1] + ' ' + i.width + 'x' + i.height; }))";
        await page.SetViewportAsync(new ViewPortOptions { Width = 1000, Height = 1400, DeviceScaleFactor = 2 });
        await page.GoToAsync(root + "blog/second-post/");
        Assert.Equal(["w960-webp 480x270", "w320-h320-cover 160x160"], await page.EvaluateFunctionAsync<string[]>(Decoded));
        await page.SetViewportAsync(new ViewPortOptions { Width = 1000, Height = 1400, DeviceScaleFactor = 1 });
        await page.GoToAsync(root + "blog/second-post/");
        Assert.Equal(["w480-webp 480x270", "w160-h160-cover 160x160"], await page.EvaluateFunctionAsync<string[]>(Decoded));
        Assert.Equal("Shortcodes", await page.EvaluateExpressionAsync<string>("document.querySelector('.callout-note .callout-title').textContent"));
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.querySelector('.callout-note')).backgroundColor"));
        await SaveScreenshotAsync(page, "blog.png");
    }

    /// <summary>Creates a site with <c>adapt new site NAME OPTIONS</c> and serves it with
    /// <c>adapt watch --serve</c> on a free port; returns once the server answers. The caller
    /// disposes the watch.</summary>
    private async Task<(WatchProcess Watch, string Root)> ServeNewSiteAsync(string name, params string[] options)
    {
        Assert.Equal(0, AdaptProcess.Run(_work, ["new", "site", name, .. options]).Exit);
        int port = FreePort();
        var watch = new WatchProcess(Path.Combine(_work, name), "--serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            watch.Next(); // the first build is on disk; the server starts right after it
            string root = $"http://127.0.0.1:{port}/";
            await WaitForServerAsync(root);
            return (watch, root);
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as a test artifact
    /// (<c>artifacts/NAME</c> next to the test assembly) and returns its bytes.</summary>
    private static async Task<byte[]> SaveScreenshotAsync(IPage page, string name)
    {
        byte[] screenshot = await page.ScreenshotDataAsync();
        string artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, name), screenshot);
        return screenshot;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForServerAsync(string root)
    {
        using var http = new HttpClient();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(root));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("adapt watch --serve did not start serving " + root);
    }
}
