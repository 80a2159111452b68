namespace Adaptive.Core;

/// <summary>Formats of <see cref="AdaptiveRuntime.ExportGraph"/>.</summary>
public enum GraphFormat
{
    /// <summary>Graphviz DOT: inputs as boxes, memos as ellipses, edges from dependency to dependent.</summary>
    Dot,

    /// <summary>JSON: <c>{"nodes":[...],"edges":[...]}</c>.</summary>
    Json,
}
