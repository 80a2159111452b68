using System.Globalization;

namespace Adaptive.Cli.Commands;

/// <summary>
/// One building process per site: <c>adapt build</c> and <c>adapt watch</c> (every mode, with or
/// without the trace) hold <c>.adapt/build.lock</c> exclusively while they run, so two builds
/// never write one output folder or one trace at once. The operating system releases the lock
/// when the process ends, however it ends (a SIGKILL included): a stale lock file never blocks.
/// </summary>
internal sealed class SiteLock : IDisposable
{
    private readonly FileStream? _stream;

    private SiteLock(FileStream? stream) => _stream = stream;

    /// <summary>Takes the lock, or throws a <see cref="UsageException"/> naming the process that
    /// holds it. When <c>.adapt/</c> cannot be written (a read-only folder, a file in the way) the
    /// build goes on unlocked: the trace store reports that folder's problem.</summary>
    public static SiteLock Acquire(SitePaths paths)
    {
        string path = Path.Combine(paths.State, "build.lock");
        FileStream stream;
        try
        {
            Directory.CreateDirectory(paths.State);
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path) && !File.Exists(paths.State))
        {
            string owner = Owner(path) is { } pid ? $"process {pid}" : "another process";
            throw new UsageException($"another adapt process ({owner}) is building this site (it holds .adapt/build.lock): wait for it to finish, or stop it");
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

    public void Dispose() => _stream?.Dispose();

    private static int? Owner(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path + ".owner"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
