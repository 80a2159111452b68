using System.Diagnostics;
using PuppeteerSharp;

namespace Adaptive.Cli.Tests;

/// <summary>
/// Headless Chromium for the browser tests: Debian's <c>chromium</c> package (installed here
/// when the tests run as root on Debian, as CI does), driven through PuppeteerSharp. Nothing is
/// downloaded: Puppeteer gets the installed executable.
/// </summary>
internal static class Chromium
{
    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    /// <summary>Launches a headless browser with a 1280×900 viewport.</summary>
    public static Task<IBrowser> LaunchAsync()
    {
        string executable = Executable ?? Install() ?? throw new InvalidOperationException("Chromium is not installed and could not be installed: run 'apt-get install chromium' (.ci/run does)");
        return Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
            DefaultViewport = new ViewPortOptions { Width = 1280, Height = 900 },
        });
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
}
