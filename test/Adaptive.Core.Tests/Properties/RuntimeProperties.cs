using Adaptive.Testing;

namespace Adaptive.Core.Tests.Properties;

/// <summary>
/// The runtime against the naive reference model, on random programs (refs, memos with
/// value-dependent dependencies, a keyed memo table, memos that throw, observed outputs) and
/// random sequences of writes, batches, demands, stabilizations and releases.
/// <see cref="PropertyCases.Runtime"/> cases each on the fixed seed (ADAPT_PROPERTY_CASES and
/// ADAPT_PROPERTY_SEED for a longer search, see <see cref="PropertySettings"/>).
/// </summary>
public sealed class RuntimeProperties
{
    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void Every_demanded_memo_equals_the_from_scratch_value(GraphProgram program) => Check(program, Checks.Consistency, parallel: false);

    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void A_memo_reexecutes_only_when_a_dependency_it_read_now_has_another_value(GraphProgram program) => Check(program, Checks.Minimality, parallel: false);

    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void Every_memo_executes_at_most_once_per_propagation(GraphProgram program) => Check(program, Checks.AtMostOnce, parallel: false);

    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void Only_memos_that_a_from_scratch_evaluation_reads_ever_execute(GraphProgram program) => Check(program, Checks.Laziness, parallel: false);

    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void Observer_reports_exactly_the_outputs_whose_value_changed(GraphProgram program) => Check(program, Checks.Observation, parallel: false);

    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]
    public void Parallel_demand_equals_sequential_demand(GraphProgram program)
    {
        var parallel = new Harness(program, Checks.All, parallel: true);
        var sequential = new Harness(program, Checks.Consistency, parallel: false);
        List<string> violations = parallel.Run();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Empty(sequential.Run());
        for (int j = 0; j < program.Memos.Length; j++)
        {
            Assert.Equal(sequential.Value(j), parallel.Value(j));
        }
    }

    private static void Check(GraphProgram program, Checks checks, bool parallel)
    {
        List<string> violations = new Harness(program, checks, parallel).Run();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
