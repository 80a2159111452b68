using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Core.Tests;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances for <see cref="EagerTests"/>.</summary>
public static class EagerArbitrary
{
    /// <summary>Inputs x0..x3 (their first values), six derived memos each reading three of the
    /// eight eager parts (<c>x % 3</c> and <c>x / 3</c> of each input), and ten writes.</summary>
    public static Arbitrary<(int[] Initial, int[][] Reads, (int Input, int Value)[] Writes)> Programs() =>
        (from initial in Gen.ArrayOf(Gen.Choose(0, 20), 4)
         from reads in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 7), 3), 6)
         from writes in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 20)), 10)
         select (initial, reads, writes.Select(w => (w.Item1, w.Item2)).ToArray())).ToArbitrary();
}
