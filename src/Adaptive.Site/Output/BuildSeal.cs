using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>
/// What the last complete build of an output folder was built from, kept in the folder
/// (<c>.adapt-seal</c>): the engine, the options, the page dates compared with the clock, the
/// site's file listing, every input file read (stat and content fingerprint, or missing), the
/// files produced and the build's diagnostics. When all of it still holds, a new process knows
/// that a build would change nothing — without opening the trace, decoding a value or loading
/// the Markdown, YAML or template engines — and replays the report (<see cref="TryReplay"/>).
/// </summary>
/// <remarks>
/// <para>Any write to the folder removes the seal first (<see cref="OutputWriter"/>), and a
/// build writes a new one only after it finished and committed (no journal left): a seal is
/// never older than the files beside it. Inputs are checked the way the trace checks them: a
/// stat that equals the recorded one (size, times in nanoseconds, inode, device) vouches for the
/// content unless it was racy when recorded; otherwise the content is hashed. A fresh clone (new
/// times and inodes) therefore hashes every input once, finds them equal, and seals again with
/// the new stats.</para>
/// <para>The site's listing is proven by a stamp (stat) of every folder walked, taken before the
/// folder was read: while they hold, no folder is read again (<see cref="SiteListing"/>).</para>
/// <para>The check is O(inputs + folders + outputs) file-system metadata, and O(changed bytes) hashing.</para>
/// </remarks>
internal sealed partial class BuildSeal
{
    public const string FileName = ".adapt-seal";
    private const int Version = 3; // 3: Minify

    private BuildSeal(string engine, BuildOptions options, long[] dates, SiteListing listing, List<SealedInput> inputs, string[] outputs, int pages, List<SiteDiagnostic> diagnostics)
    {
        Engine = engine;
        Drafts = options.Drafts;
        Future = options.Future;
        Minify = options.Minify;
        Now = options.Now?.UtcTicks ?? long.MaxValue;
        Dates = dates;
        Listing = listing;
        Inputs = inputs;
        Outputs = outputs;
        Pages = pages;
        Diagnostics = diagnostics;
    }

    /// <summary>The code that built: the runtime's and the site's assemblies (the default theme is in the latter).</summary>
    public static string CurrentEngine { get; } =
        typeof(AdaptiveRuntime).Assembly.ManifestModule.ModuleVersionId.ToString("N") + typeof(BuildSeal).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public string Engine { get; }

    public bool Drafts { get; }

    public bool Future { get; }

    /// <summary>The build minified its output (<see cref="BuildOptions.Minify"/>).</summary>
    public bool Minify { get; }

    public long Now { get; }

    /// <summary>Page dates compared with the clock, sorted.</summary>
    public long[] Dates { get; }

    /// <summary>The site's files, and the stamps of its folders that prove the list unchanged.</summary>
    public SiteListing Listing { get; private set; }

    public List<SealedInput> Inputs { get; }

    /// <summary>Files produced, sorted.</summary>
    public string[] Outputs { get; }

    public int Pages { get; }

    public List<SiteDiagnostic> Diagnostics { get; }

    /// <summary>The seal of a build that just finished.</summary>
    public static BuildSeal Capture(Site site, IEnumerable<string> outputs, int pages, IEnumerable<SiteDiagnostic> diagnostics)
    {
        var inputs = new List<SealedInput>();
        foreach (KeyValuePair<string, FileInput> input in site.InputFiles)
        {
            inputs.Add(new SealedInput(input.Key, input.Value.Exists, input.Value.TrustedStat, input.Value.StoredFingerprint));
        }

        inputs.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        var dates = new SortedSet<long>(site.DatesAsked);
        string[] produced = [.. outputs];
        Array.Sort(produced, StringComparer.Ordinal);
        return new BuildSeal(CurrentEngine, site.Options, [.. dates], new SiteListing(site.Files, site.Folders), inputs, produced, pages, [.. diagnostics]);
    }

    /// <summary>
    /// When the seal in <paramref name="output"/> still holds for the site at <paramref name="root"/>
    /// built with <paramref name="options"/>, the report of the build it seals (nothing rendered,
    /// written or deleted); otherwise null. A seal that holds with new stats (a fresh clone) is
    /// written again with them.
    /// </summary>
    public static BuildReport? TryReplay(string root, string output, BuildOptions options, TimeProvider clock)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        string path = Path.Combine(output, FileName);
        BuildSeal? seal = Read(path);
        if (seal is not null)
        {
            // If a build follows, its site may start from this listing (TakeListing).
            lock (s_handoff)
            {
                s_listing = (root, seal.Listing);
            }
        }

        if (seal is null
            || seal.Engine != CurrentEngine
            || seal.Drafts != options.Drafts
            || seal.Future != options.Future
            || seal.Minify != options.Minify
            || !SameSideOfEveryDate(seal.Dates, seal.Now, options.Now?.UtcTicks ?? long.MaxValue)
            || File.Exists(Path.Combine(output, OutputWriter.JournalName))
            || !InputsHold(root, seal.Inputs, FileStat.ToNanoseconds(clock.GetUtcNow().UtcDateTime), out bool restated) // an edit stops here, before the listing
            || !ListingHolds(root, seal, ref restated)
            || !OutputsHold(output, seal.Outputs))
        {
            return null;
        }

        if (restated)
        {
            seal.Write(path); // the same contents under new stats: the next check trusts them
        }

        TimeSpan elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new BuildReport(seal.Pages, seal.Outputs.Length, 0, [], [], seal.Diagnostics, default, elapsed, [new PhaseTiming("seal", elapsed, seal.Inputs.Count)]);
    }

    private static readonly object s_handoff = new();
    private static (string Root, SiteListing Listing)? s_listing;

    /// <summary>The listing of the site at <paramref name="root"/> from the seal that the last
    /// <see cref="TryReplay"/> of this process read (once; null if none). Unchecked: the caller
    /// checks that it still holds (<see cref="SiteListing.Holds"/>).</summary>
    public static SiteListing? TakeListing(string root)
    {
        lock (s_handoff)
        {
            if (s_listing is not { } handed || handed.Root != root)
            {
                return null;
            }

            s_listing = null;
            return handed.Listing;
        }
    }

    /// <summary>True when the site's files are the sealed ones: proven by the folder stamps, or
    /// listed again and compared (then the new stamps are the seal's, as for inputs).</summary>
    private static bool ListingHolds(string root, BuildSeal seal, ref bool restated)
    {
        if (seal.Listing.Holds(root))
        {
            return true;
        }

        SiteListing listing = SiteFiles.List(root);
        if (!listing.Files.Equals(seal.Listing.Files))
        {
            return false;
        }

        if (listing.Folders is not null)
        {
            seal.Listing = listing;
            restated = true;
        }

        return true;
    }

    /// <summary>Deletes the seal of <paramref name="output"/> (before anything there changes).</summary>
    public static void Break(string output)
    {
        string path = Path.Combine(output, FileName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>True when no page date lies between the sealed build's clock and this one's:
    /// every page is published, or not, as it was.</summary>
    private static bool SameSideOfEveryDate(long[] dates, long before, long now) =>
        CountAtOrBefore(dates, before) == CountAtOrBefore(dates, now);

    private static int CountAtOrBefore(long[] sorted, long ticks)
    {
        int index = Array.BinarySearch(sorted, ticks);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>True when every sealed input still holds: one stat each, on every core (an edit
    /// stops the others early), a hash only where a stat cannot vouch.</summary>
    private static bool InputsHold(string root, List<SealedInput> inputs, long nowNs, out bool restated)
    {
        int restates = 0;
        ParallelLoopResult result = Parallel.For(0, inputs.Count, (i, loop) =>
        {
            switch (Check(root, inputs[i], nowNs, out SealedInput restatedInput))
            {
                case InputCheck.Changed:
                    loop.Stop();
                    break;
                case InputCheck.Restated:
                    inputs[i] = restatedInput; // each index is written by one iteration
                    Interlocked.Increment(ref restates);
                    break;
            }
        });
        restated = restates > 0;
        return result.IsCompleted;
    }

    private enum InputCheck
    {
        Holds,
        Restated,
        Changed,
    }

    private static InputCheck Check(string root, SealedInput input, long nowNs, out SealedInput restated)
    {
        restated = input;
        string full = Path.Combine(root, input.Path);
        FileStat? stat = FileStat.Read(full);
        if (!input.Exists)
        {
            return stat is not null || File.Exists(full) ? InputCheck.Changed : InputCheck.Holds;
        }

        if (stat is not { } current)
        {
            return InputCheck.Changed;
        }

        if (current.Vouches(input.Stat))
        {
            return InputCheck.Holds;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return InputCheck.Changed;
        }

        if (Fingerprint128.Of(bytes) != input.Fingerprint || FileStat.Read(full) != current)
        {
            return InputCheck.Changed;
        }

        // The same bytes under a new stat (a checkout, a restore): trust the new stat next time,
        // unless the file was written too recently for it to vouch.
        restated = input with { Stat = current.IsRacy(nowNs) ? null : current };
        return InputCheck.Restated;
    }

    /// <summary>True when every file the sealed build produced is still there (one stat each, on
    /// every core: cheaper than listing a folder per page). Files added by hand are left alone by
    /// builds too.</summary>
    private static bool OutputsHold(string output, string[] outputs) =>
        Parallel.For(0, outputs.Length, (i, loop) =>
        {
            if (!File.Exists(Path.Combine(output, outputs[i])))
            {
                loop.Stop();
            }
        }).IsCompleted;
}

/// <summary>An input file as a sealed build read it.</summary>
/// <param name="Path">Relative to the site, forward slashes.</param>
/// <param name="Exists">False: the build saw it missing.</param>
/// <param name="Stat">The stat that vouches for the content (null: hash it).</param>
/// <param name="Fingerprint">The content's fingerprint.</param>
internal readonly record struct SealedInput(string Path, bool Exists, FileStat? Stat, Fingerprint128 Fingerprint)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(Path);
        writer.Write(Exists);
        WriteStat(writer, Stat);
        writer.Write(Fingerprint.High);
        writer.Write(Fingerprint.Low);
    }

    public static SealedInput Read(BinaryReader reader)
    {
        string path = reader.ReadString();
        bool exists = reader.ReadBoolean();
        FileStat? stat = ReadStat(reader);
        return new SealedInput(path, exists, stat, new Fingerprint128(reader.ReadUInt64(), reader.ReadUInt64()));
    }

    public static void WriteStat(BinaryWriter writer, FileStat? stat)
    {
        writer.Write(stat is not null);
        if (stat is { } value)
        {
            writer.Write(value.Length);
            writer.Write(value.ModifiedNs);
            writer.Write(value.ChangedNs);
            writer.Write(value.Inode);
            writer.Write(value.Device);
        }
    }

    public static FileStat? ReadStat(BinaryReader reader) =>
        reader.ReadBoolean() ? new FileStat(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadUInt64()) : null;
}
