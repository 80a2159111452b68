using System.Globalization;

namespace Adaptive.Cli.Commands;

/// <summary>
/// The time adapt acts at: which future-dated pages a build publishes, and the date
/// <c>adapt new</c> writes. <c>SOURCE_DATE_EPOCH</c> (seconds since 1970-01-01 UTC, the
/// reproducible-builds convention) fixes it; otherwise it is the system clock, to the second.
/// </summary>
/// <remarks>A fixed time also keeps a new process's work exact: with the system clock, each
/// process sees a later second than the last, so the memos that decide whether a date is due run
/// again (and stop there, unless a page's date was crossed).</remarks>
internal static class BuildClock
{
    public const string Variable = "SOURCE_DATE_EPOCH";

    // 9999-12-31T23:59:59Z, the last second DateTimeOffset holds.
    private const long MaxSeconds = 253_402_300_799;

    public static DateTimeOffset Now()
    {
        string? epoch = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(epoch))
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }

        if (!long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds > MaxSeconds)
        {
            throw new UsageException($"{Variable} is '{epoch}': set it to a whole number of seconds since 1970-01-01 UTC (e.g. {Variable}=$(git log -1 --format=%ct)), or unset it to use the system clock");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
