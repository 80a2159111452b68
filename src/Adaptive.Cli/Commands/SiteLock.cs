using System.Globalization;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>
/// A lock on what a build shares with other adapt processes, and nothing more: the site's state
/// (<c>.adapt/build.lock</c>: the trace, the phased cache, the last build's explanation) and an
/// output folder (<c>&lt;output&gt;/.adapt-lock</c>). <c>adapt build --no-trace -o elsewhere</c>
/// takes only its own output folder's, so it runs beside an <c>adapt watch</c> of the same site,
/// as <c>hugo</c> runs beside <c>hugo server</c>. The operating system releases a lock when the
/// process ends, however it ends (a SIGKILL included): a stale lock file never blocks.
/// </summary>
internal sealed class SiteLock : IDisposable
{
    private readonly FileStream? _stream;

    private SiteLock(FileStream? stream) => _stream = stream;

    /// <summary>Locks the site's state folder. When it cannot be written (a read-only folder, a
    /// file in the way) the build goes on unlocked: the trace store reports that folder's problem.</summary>
    public static SiteLock State(SitePaths paths) => Acquire(
        paths.State, "build.lock",
        owner => $"another adapt process ({owner}) is using this site's trace and build state (.adapt/build.lock): wait for it to finish or stop it (an 'adapt watch'?). A build that shares nothing with it can run beside it: adapt build --no-trace -o <another folder>");

    /// <summary>Locks an output folder, so that two builds never write one folder at once.</summary>
    public static SiteLock Output(SitePaths paths) => Acquire(
        paths.Output, OutputWriter.LockName,
        owner => $"another adapt process ({owner}) is writing the output folder '{paths.Output}' (it holds {OutputWriter.LockName} there): wait for it to finish or stop it, or build into another folder with -o <folder>");

    public void Dispose() => _stream?.Dispose();

    private static SiteLock Acquire(string folder, string name, Func<string, string> busy)
    {
        string path = Path.Combine(folder, name);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(folder);
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new UsageException(busy(Owner(path) is { } pid ? $"process {pid}" : "another process"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SiteLock(null);
        }

        try
        {
            File.WriteAllText(path + ".owner", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the lock holds without its owner note
        }

        return new SiteLock(stream);
    }

    private static int? Owner(string path)
    {
        try
        {
            // The lock file itself cannot be opened while it is held: its holder is noted beside it.
            return int.TryParse(File.ReadAllText(path + ".owner"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
