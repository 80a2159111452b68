// Walks: the dependency closure of a set of nodes (export, release, garbage collection).
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    /// <summary>The roots and every node they transitively depend on (through their recorded
    /// edges). Caller holds the runtime exclusively, so edges do not change meanwhile.</summary>
    private static HashSet<Node> DependencyClosure(IEnumerable<Node> roots)
    {
        var closure = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>();
        foreach (Node root in roots)
        {
            if (closure.Add(root))
            {
                stack.Push(root);
            }
        }

        while (stack.Count > 0)
        {
            if (stack.Pop() is Memo memo)
            {
                foreach (DepEdge dep in memo._deps)
                {
                    if (closure.Add(dep.Node))
                    {
                        stack.Push(dep.Node);
                    }
                }
            }
        }

        return closure;
    }
}
