using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Core.Tests.Properties;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances over <see cref="GraphProgram"/>s, for
/// <c>[AdaptProperty(…, Arbitrary = new[] { typeof(GraphProgramArbitrary) })]</c>.</summary>
public static class GraphProgramArbitrary
{
    /// <summary>A random program (<see cref="GraphProgram.Arbitrary"/>).</summary>
    public static Arbitrary<GraphProgram> Program() => GraphProgram.Arbitrary();

    /// <summary>A random program with the values of its refs before and after an edit (the
    /// edit a new process starts from).</summary>
    public static Arbitrary<(GraphProgram Program, int[] Before, int[] After)> ProgramAndEdit() =>
        (from program in GraphProgram.Arbitrary().Generator
         from before in Gen.ArrayOf(Gen.Choose(0, 4), program.RefCount)
         from after in Gen.ArrayOf(Gen.Choose(0, 4), program.RefCount)
         select (program, before, after)).ToArbitrary();
}
