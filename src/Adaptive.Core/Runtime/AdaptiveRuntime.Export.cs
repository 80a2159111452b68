// Export: the graph below some roots as Graphviz DOT or JSON.
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    /// <summary>
    /// Exports the graph below <paramref name="roots"/> (default: all observed memos) — every
    /// node they transitively depend on, with its state, revisions and last execution reason.
    /// Nodes are listed by id, so the same graph always exports to the same text.
    /// </summary>
    /// <param name="format">Graphviz DOT or JSON.</param>
    /// <param name="roots">Where to start; null for the observed memos.</param>
    public string ExportGraph(GraphFormat format, IEnumerable<Node>? roots = null)
    {
        List<Node> nodes = RunExclusive((this, roots), static args => args.Item1.CollectGraph(args.roots));
        return format == GraphFormat.Dot ? ToDot(nodes) : ToJson(nodes);
    }

    private List<Node> CollectGraph(IEnumerable<Node>? roots)
    {
        var rootList = new List<Node>(roots ?? _observersByMemo.Keys);
        foreach (Node root in rootList)
        {
            if (root._runtime != this)
            {
                ThrowHelper.ThrowWrongRuntime(root, this);
            }
        }

        var nodes = new List<Node>(DependencyClosure(rootList));
        nodes.Sort(static (a, b) => a._id.CompareTo(b._id));
        return nodes;
    }

    private static string StateName(Node node)
    {
        int state = node._state;
        if ((state & NodeState.New) != 0)
        {
            return "new";
        }

        if ((state & NodeState.Pending) != 0)
        {
            return "pending";
        }

        return (state & NodeState.Failed) != 0 ? "failed" : "clean";
    }

    private static string ToDot(List<Node> nodes)
    {
        var dot = new StringBuilder("digraph adaptive {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        foreach (Node node in nodes)
        {
            string shape = node is Memo ? "ellipse" : "box";
            string label = node.Name + "\\n" + StateName(node) + " @" + node._changedAt.ToString(CultureInfo.InvariantCulture);
            dot.Append(CultureInfo.InvariantCulture, $"  n{node._id} [label=\"{EscapeDot(label)}\", shape={shape}];\n");
        }

        foreach (Node node in nodes)
        {
            if (node is Memo memo)
            {
                foreach (DepEdge dep in memo._deps)
                {
                    string style = memo._cause == dep.Node ? " [color=red]" : string.Empty;
                    dot.Append(CultureInfo.InvariantCulture, $"  n{dep.Node._id} -> n{memo._id}{style};\n");
                }
            }
        }

        return dot.Append("}\n").ToString();
    }

    private static string EscapeDot(string text) => text.Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string ToJson(List<Node> nodes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("nodes");
            foreach (Node node in nodes)
            {
                json.WriteStartObject();
                json.WriteNumber("id", node._id);
                json.WriteString("name", node.Name);
                json.WriteString("kind", node is Memo ? "memo" : "ref");
                json.WriteString("state", StateName(node));
                json.WriteNumber("changedAt", node._changedAt);
                if (node is Memo memo)
                {
                    ExecutionReason reason = memo.LastExecution;
                    json.WriteString("lastExecution", reason.ToString());
                    if (reason.Dependency is { } cause)
                    {
                        json.WriteNumber("cause", cause._id);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (Node node in nodes)
            {
                if (node is Memo memo)
                {
                    foreach (DepEdge dep in memo._deps)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("from", dep.Node._id);
                        json.WriteNumber("to", memo._id);
                        json.WriteEndObject();
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
