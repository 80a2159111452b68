using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances for <see cref="KeyTextProperties"/>:
/// strings (never null: keys are not) made mostly of what the tuple syntax gives a meaning to —
/// <c>\</c>, <c>,</c>, <c>", "</c>, parentheses — so that escapes, separators and near-collisions
/// are the common case, not the rare one; the rest are FsCheck's own strings.</summary>
public static class KeyTextArbitrary
{
    private static readonly string[] s_tokens = ["\\", ",", ", ", " ", "(", ")", "a", "b", "-1", "0", "é", "\0", "\n", "\\,", ", \\"];

    /// <summary>Key strings.</summary>
    public static Arbitrary<string> Strings() =>
        Gen.Frequency(
            (3, from parts in Gen.ListOf(Gen.Elements(s_tokens)) select string.Concat(parts)),
            (1, ArbMap.Default.GeneratorFor<string>().Where(text => text is not null)))
        .ToArbitrary();
}
