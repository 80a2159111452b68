using Adaptive.Cli.Terminal;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>
/// <c>adapt clean</c>: deletes the files the builds wrote into the output folder (listed in its
/// manifest: files the site did not write are never touched), the folders left empty, and the
/// state folder <c>.adapt/</c> (trace, phased cache, last build).
/// </summary>
internal static class CleanCommand
{
    public static int Run(CleanVerb options)
    {
        var reporter = new Reporter(options.Json);
        SitePaths paths = SitePaths.Resolve(options);
        int files = 0;
        string manifest = Path.Combine(paths.Output, OutputWriter.ManifestName);
        string journal = Path.Combine(paths.Output, OutputWriter.JournalName);
        if (File.Exists(manifest) || File.Exists(journal))
        {
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
            RemoveEmptyFolders(paths.Output);
        }

        bool state = Directory.Exists(paths.State);
        if (state)
        {
            Directory.Delete(paths.State, recursive: true);
        }

        if (options.Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { filesDeleted = files, stateDeleted = state }));
        }
        else
        {
            reporter.Line($"Deleted {files} output files{(state ? " and the trace (.adapt/)" : string.Empty)}.");
        }

        return ExitCodes.Success;
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
