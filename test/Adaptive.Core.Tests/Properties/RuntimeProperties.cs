using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Core.Tests.Properties;

/// <summary>
/// The runtime against the naive reference model, on random programs (refs, memos with
/// value-dependent dependencies, a keyed memo table, memos that throw, observed outputs) and
/// random sequences of writes, batches, demands, stabilizations and releases. 200 cases each
/// (set ADAPT_PROPERTY_CASES for a longer search).
/// </summary>
public sealed class RuntimeProperties
{
    private static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("ADAPT_PROPERTY_CASES"), out int cases) && cases > 200 ? cases : 200;

    [Fact]
    public void Every_demanded_memo_equals_the_from_scratch_value() => Check(Checks.Consistency, parallel: false);

    [Fact]
    public void A_memo_reexecutes_only_when_a_dependency_it_read_now_has_another_value() => Check(Checks.Minimality, parallel: false);

    [Fact]
    public void Every_memo_executes_at_most_once_per_propagation() => Check(Checks.AtMostOnce, parallel: false);

    [Fact]
    public void Only_memos_that_a_from_scratch_evaluation_reads_ever_execute() => Check(Checks.Laziness, parallel: false);

    [Fact]
    public void Observer_reports_exactly_the_outputs_whose_value_changed() => Check(Checks.Observation, parallel: false);

    [Fact]
    public void Parallel_demand_equals_sequential_demand()
    {
        Prop.ForAll(GraphProgram.Arbitrary(), program =>
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
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    private static void Check(Checks checks, bool parallel) =>
        Prop.ForAll(GraphProgram.Arbitrary(), program =>
        {
            List<string> violations = new Harness(program, checks, parallel).Run();
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
}
