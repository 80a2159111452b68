using System.Globalization;
using System.Text;
using System.Text.Json;
using Adaptive.Cli.Terminal;
using Adaptive.Core;
using Adaptive.Site;

namespace Adaptive.Cli.Commands;

/// <summary>
/// <c>adapt trace stats | dump [--format dot|json] | gc</c>: what the persisted trace
/// (<c>.adapt/trace.db</c>) holds, the stored graph, and removing entries no output depends on.
/// </summary>
internal static class TraceCommand
{
    public static int Run(TraceVerb options)
    {
        var reporter = new Reporter(options.Json);
        SitePaths paths = SitePaths.Resolve(options);
        if (!File.Exists(paths.Trace))
        {
            throw new UsageException("the site has no trace yet (.adapt/trace.db): run 'adapt build' first");
        }

        using LiteDbTraceStore store = Open(paths.Trace);
        var snapshot = new StoredGraph(store.Load());
        return options.Action.ToLowerInvariant() switch
        {
            "stats" => Stats(reporter, options.Json, store, snapshot),
            "dump" => Dump(options.Format.ToLowerInvariant(), snapshot),
            "gc" => Collect(reporter, options.Json, store, snapshot),
            _ => throw new UsageException($"unknown trace action '{options.Action}': use stats, dump or gc"),
        };
    }

    private static LiteDbTraceStore Open(string path)
    {
        try
        {
            return LiteDbTraceStore.Open(path, SiteBuilder.CodeIdentity); // as the builds open it: another code would set the trace aside
        }
        catch (TraceStoreInUseException ex)
        {
            throw new UsageException($"the trace is in use ({ex.Message}): stop the other adapt process first");
        }
    }

    private static int Stats(Reporter reporter, bool json, LiteDbTraceStore store, StoredGraph snapshot)
    {
        var byMember = snapshot.Memos.Keys.GroupBy(Member).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { member = g.Key, entries = g.Count() }).ToList();
        int edges = snapshot.Memos.Values.Sum(m => m.Dependencies.Count);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { memos = snapshot.Memos.Count, inputs = snapshot.Inputs.Count, dependencies = edges, bytesOnDisk = store.SizeOnDisk, byMember, warning = store.Warning }));
            return ExitCodes.Success;
        }

        reporter.Line(string.Create(CultureInfo.InvariantCulture, $"{snapshot.Memos.Count:N0} memos, {snapshot.Inputs.Count:N0} inputs, {edges:N0} dependencies, {store.SizeOnDisk / 1024.0:N0} KiB on disk"));
        foreach (var member in byMember)
        {
            reporter.Line(string.Create(CultureInfo.InvariantCulture, $"  {member.entries,8:N0}  {member.member}"));
        }

        if (store.Warning is { } warning)
        {
            reporter.Line("warning: " + warning);
        }

        return ExitCodes.Success;
    }

    private static int Dump(string format, StoredGraph snapshot)
    {
        switch (format)
        {
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    inputs = snapshot.Inputs.Values.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => new { key = i.Key, fingerprint = i.Fingerprint.ToString() }),
                    memos = snapshot.Memos.Values.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new
                    {
                        key = m.Key,
                        fingerprint = m.Fingerprint.ToString(),
                        dependencies = m.Dependencies.Select(d => d.Key),
                    }),
                }));
                return ExitCodes.Success;
            case "dot":
                var dot = new StringBuilder("digraph trace {\n  rankdir=LR;\n  node [shape=ellipse, fontsize=10];\n");
                foreach (string input in snapshot.Inputs.Keys.Order(StringComparer.Ordinal))
                {
                    dot.Append("  ").Append(Quote(input)).Append(" [shape=box];\n");
                }

                foreach (StoredMemo memo in snapshot.Memos.Values.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    foreach (StoredDependency dependency in memo.Dependencies)
                    {
                        dot.Append("  ").Append(Quote(dependency.Key)).Append(" -> ").Append(Quote(memo.Key)).Append(";\n");
                    }
                }

                Console.Out.Write(dot.Append("}\n").ToString());
                return ExitCodes.Success;
            default:
                throw new UsageException($"unknown --format '{format}': use dot or json");
        }
    }

    /// <summary>Deletes every entry that no output (or the site's report) depends on.</summary>
    private static int Collect(Reporter reporter, bool json, LiteDbTraceStore store, StoredGraph snapshot)
    {
        long before = store.SizeOnDisk;
        var live = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(snapshot.Memos.Keys.Where(k => k.Contains(".Output[", StringComparison.Ordinal) || k.EndsWith(".Report", StringComparison.Ordinal)));
        while (stack.TryPop(out string? key))
        {
            if (live.Add(key) && snapshot.Memos.TryGetValue(key, out StoredMemo? memo))
            {
                foreach (StoredDependency dependency in memo.Dependencies)
                {
                    stack.Push(dependency.Key);
                }
            }
        }

        var changes = new TraceChanges();
        changes.Deleted.AddRange(snapshot.Memos.Keys.Concat(snapshot.Inputs.Keys).Where(k => !live.Contains(k)).Order(StringComparer.Ordinal));
        if (!changes.IsEmpty)
        {
            store.Save(changes);
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { removed = changes.Deleted.Count, kept = live.Count, bytesBefore = before, bytesAfter = store.SizeOnDisk }));
        }
        else
        {
            reporter.Line(string.Create(CultureInfo.InvariantCulture, $"Removed {changes.Deleted.Count:N0} entries no output depends on; kept {live.Count:N0}."));
        }

        return ExitCodes.Success;
    }

    private static string Member(string key)
    {
        int open = key.LastIndexOf('[');
        int dot = key.LastIndexOf('.', open < 0 ? key.Length - 1 : open);
        return open > 0 && key.EndsWith(']') ? key[..open] : dot > 0 ? key : key.Split(':')[0] + ":";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>The stored graph as dictionaries (a tool reads all of it).</summary>
    private sealed class StoredGraph(TraceSnapshot snapshot)
    {
        public Dictionary<string, StoredMemo> Memos { get; } = snapshot.Memos.ToDictionary(m => m.Key, StringComparer.Ordinal);

        public Dictionary<string, StoredInput> Inputs { get; } = snapshot.Inputs.ToDictionary(i => i.Key, StringComparer.Ordinal);
    }
}
