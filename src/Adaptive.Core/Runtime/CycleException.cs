using System.Text;

namespace Adaptive.Core;

/// <summary>
/// Thrown when a memo is demanded while it is already being computed on the same demand path
/// (directly, through other memos, or through other threads that wait on each other). The
/// cycle is reported starting from the memo created first, so the message is the same
/// whichever memo of the cycle was demanded first.
/// </summary>
public sealed class CycleException : InvalidOperationException
{
    /// <summary>Creates the exception for the given cycle (names in dependency order).</summary>
    public CycleException(IReadOnlyList<string> cycle)
        : base(FormatMessage(cycle))
    {
        Cycle = cycle;
    }

    /// <summary>The names of the memos in the cycle, each depending on the next, the last on
    /// the first.</summary>
    public IReadOnlyList<string> Cycle { get; }

    /// <summary>Builds the exception from a demand path whose last memo reads its first.</summary>
    internal static CycleException FromPath(IReadOnlyList<Memo> path)
    {
        int start = 0;
        for (int i = 1; i < path.Count; i++)
        {
            if (path[i].Id < path[start].Id)
            {
                start = i;
            }
        }

        var names = new string[path.Count];
        for (int i = 0; i < path.Count; i++)
        {
            names[i] = path[(start + i) % path.Count].Name;
        }

        return new CycleException(names);
    }

    private static string FormatMessage(IReadOnlyList<string> cycle)
    {
        // A cycle through thousands of memos names its ends; Cycle holds every name.
        const int Shown = 8;
        var text = new StringBuilder("Dependency cycle: ");
        for (int i = 0; i < cycle.Count; i++)
        {
            if (i == Shown && cycle.Count > 2 * Shown)
            {
                text.Append("… (").Append((cycle.Count - (2 * Shown)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" more) -> ");
                i = cycle.Count - Shown;
            }

            text.Append(cycle[i]).Append(" -> ");
        }

        text.Append(cycle.Count > 0 ? cycle[0] : "?");
        text.Append(". A memo must not read itself, directly or through other memos.");
        return text.ToString();
    }
}
