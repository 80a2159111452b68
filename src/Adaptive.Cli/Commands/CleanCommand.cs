using Adaptive.Cli.Terminal;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>
/// <c>adapt clean</c>: deletes the files the builds wrote into the output folder (listed in its
/// manifest: files the site did not write are never touched), the folders left empty, and the
/// state folder <c>.adapt/</c> (trace, phased cache, last build) — holding the same locks as a
/// build, so it never cleans under a running build or watch.
/// </summary>
internal static class CleanCommand
{
    public static int Run(CleanVerb options)
    {
        var reporter = new Reporter(options.Json);
        SitePaths paths = SitePaths.Resolve(options);
        int files = 0;
        using (SiteLock.State(paths))
        using (SiteLock.Output(paths))
        {
            files = DeleteOutputs(paths);
            bool state = Directory.Exists(paths.State);
            if (state)
            {
                Directory.Delete(paths.State, recursive: true);
            }

            Report(options, reporter, files, state);
        }

        // The output folder's lock was the last file adapt had there.
        string lockFile = Path.Combine(paths.Output, OutputWriter.LockName);
        foreach (string file in (string[])[lockFile, lockFile + ".owner"])
        {
            File.Delete(file);
        }

        if (Directory.Exists(paths.Output))
        {
            RemoveEmptyFolders(paths.Output);
        }

        return ExitCodes.Success;
    }

    /// <summary>Deletes what the builds wrote (the manifest's files and a killed build's); returns how many.</summary>
    private static int DeleteOutputs(SitePaths paths)
    {
        int files = 0;
        string manifest = Path.Combine(paths.Output, OutputWriter.ManifestName);
        string journal = Path.Combine(paths.Output, OutputWriter.JournalName);
        if (File.Exists(manifest) || File.Exists(journal))
        {
            SiteBuilder.Unseal(paths.Output);
            var writer = new OutputWriter(paths.Output);
            foreach (string relative in writer.PreviouslyWritten()) // the last build's files, and a killed build's
            {
                string full;
                try
                {
                    full = writer.FullPath(relative);
                }
                catch (InvalidOperationException)
                {
                    continue; // not a path the writer would have written
                }

                if (File.Exists(full))
                {
                    File.Delete(full);
                    files++;
                }
            }

            File.Delete(manifest);
            File.Delete(journal);
        }

        return files;
    }

    private static void Report(CleanVerb options, Reporter reporter, int files, bool state)
    {
        if (options.Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { filesDeleted = files, stateDeleted = state }));
        }
        else
        {
            reporter.Line($"Deleted {files} output files{(state ? " and the trace (.adapt/)" : string.Empty)}.");
        }
    }

    private static void RemoveEmptyFolders(string folder)
    {
        foreach (string sub in Directory.GetDirectories(folder))
        {
            RemoveEmptyFolders(sub);
        }

        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
