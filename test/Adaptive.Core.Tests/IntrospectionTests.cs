using System.Text.Json;

namespace Adaptive.Core.Tests;

/// <summary>Semantics 11: stats, why a memo executed, and graph export.</summary>
public sealed class IntrospectionTests
{
    private readonly AdaptiveRuntime _rt = new();

    [Fact]
    public void Last_execution_names_the_dependency_that_changed()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Ref<int> b = _rt.Ref(2, "b");
        Memo<int> sum = _rt.Memo(() => a.Value + b.Value, "sum");
        Memo<int> twice = _rt.Memo(() => sum.Value * 2, "twice");

        Assert.Equal(ExecutionReasonKind.NotExecuted, twice.LastExecution.Kind);
        Assert.Equal(6, twice.Value);
        Assert.Equal(new ExecutionReason(ExecutionReasonKind.FirstExecution, null), twice.LastExecution);

        b.Value = 5;
        Assert.Equal(12, twice.Value);
        Assert.Same(b, sum.LastExecution.Dependency);
        Assert.Same(sum, twice.LastExecution.Dependency);
        Assert.Equal("dependency 'sum' changed", twice.LastExecution.ToString());
    }

    [Fact]
    public void Stats_count_executions_hits_verifications_cutoffs_and_propagations()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> clamp = _rt.Memo(() => Math.Min(a.Value, 10), "clamp");
        Memo<int> plus = _rt.Memo(() => clamp.Value + 1, "plus");

        RuntimeStats start = _rt.Stats;
        Assert.Equal(2, plus.Value);
        Assert.Equal(2, plus.Value);
        RuntimeStats cold = _rt.Stats - start;
        Assert.Equal(2, cold.Executions);
        Assert.Equal(1, cold.CacheHits);

        a.Value = 20;
        a.Value = 30;
        RuntimeStats before = _rt.Stats;
        Assert.Equal(11, plus.Value);
        RuntimeStats work = _rt.Stats - before;
        Assert.Equal(2, work.Executions);
        Assert.Equal(2, work.Verifications);
        Assert.Equal(0, work.Cutoffs);

        a.Value = 40;
        before = _rt.Stats;
        Assert.Equal(11, plus.Value);
        work = _rt.Stats - before;
        Assert.Equal(1, work.Executions);
        Assert.Equal(1, work.Cutoffs);
        Assert.Equal(2, work.Verifications);
        Assert.Equal(3, _rt.Stats.Propagations - start.Propagations);
        Assert.Equal(4, _rt.Stats.Invalidations - start.Invalidations);
    }

    [Fact]
    public void Graph_exports_as_dot_and_json()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> m = _rt.Memo(() => a.Value + 1, "m \"quoted\"");
        Memo<int> top = _rt.Memo(() => m.Value * 2, "top");
        using Observer outputs = _rt.CreateObserver();
        outputs.Add(top);
        outputs.Stabilize();
        a.Value = 2;
        outputs.Stabilize();

        string dot = _rt.ExportGraph(GraphFormat.Dot);
        Assert.StartsWith("digraph adaptive {", dot, StringComparison.Ordinal);
        Assert.Contains($"n{a.Id} [label=\"a\\nclean @", dot, StringComparison.Ordinal);
        Assert.Contains("shape=box", dot, StringComparison.Ordinal);
        Assert.Contains("m \\\"quoted\\\"", dot, StringComparison.Ordinal);
        Assert.Contains($"n{a.Id} -> n{m.Id} [color=red];", dot, StringComparison.Ordinal);
        Assert.Contains($"n{m.Id} -> n{top.Id} [color=red];", dot, StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(_rt.ExportGraph(GraphFormat.Json));
        JsonElement[] nodes = [.. json.RootElement.GetProperty("nodes").EnumerateArray()];
        Assert.Equal(["a", "m \"quoted\"", "top"], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal("ref", nodes[0].GetProperty("kind").GetString());
        Assert.Equal("dependency 'a' changed", nodes[1].GetProperty("lastExecution").GetString());
        Assert.Equal(a.Id, nodes[1].GetProperty("cause").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("edges").GetArrayLength());
        Assert.Equal(dot, _rt.ExportGraph(GraphFormat.Dot, [top]));
    }
}
