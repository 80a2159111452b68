using System.Diagnostics.CodeAnalysis;

namespace Adaptive.Core;

/// <summary>Throw sites kept out of hot, inlined code.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowCrossRuntimeRead(Node node, Memo reader) =>
        throw new InvalidOperationException(
            $"'{reader.Name}' read '{node.Name}', which belongs to another AdaptiveRuntime. A memo can only depend on nodes of its own runtime.");

    [DoesNotReturn]
    internal static void ThrowWriteDuringExecution(Node node, ThreadContext context) =>
        throw new InvalidOperationException(
            $"Cannot change '{node.Name}' while '{DescribeCurrent(context)}' is being computed. Memos must not write Refs; make the change outside the computation.");

    [DoesNotReturn]
    internal static void ThrowWrongRuntime(Node node, AdaptiveRuntime runtime) =>
        throw new ArgumentException($"'{node.Name}' belongs to another AdaptiveRuntime than {runtime}.", nameof(node));

    private static string DescribeCurrent(ThreadContext context)
    {
        if (context.Frame is { } frame)
        {
            return frame.Owner.Name;
        }

        return context.ClaimCount > 0 ? context.Claims[context.ClaimCount - 1].Memo!.Name : "a memo";
    }
}
