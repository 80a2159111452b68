using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Core.Tests.Properties;

/// <summary>How a memo of a generated program computes its value.</summary>
public enum ExprKind
{
    /// <summary>Sum of the operands.</summary>
    Sum,

    /// <summary><c>op0 even ? op1 : op2</c>: dependencies that depend on values.</summary>
    Cond,

    /// <summary><c>op0 % Modulus</c>: equal results are common, so early cutoff is exercised.</summary>
    Mod,

    /// <summary><c>table[op0 % TableKeys]</c>: a read of a keyed memo.</summary>
    Lookup,

    /// <summary><c>12 / op0</c>: throws when op0 is 0, so cached exceptions flow through the graph.</summary>
    Div,
}

/// <summary>A memo definition. Operands: <c>o &gt;= 0</c> is memo <c>o</c> (always an earlier
/// one, so programs are acyclic); <c>o &lt; 0</c> is ref <c>-o - 1</c>.</summary>
public sealed record MemoDef(ExprKind Kind, int[] Operands, int Modulus);

public enum OpKind
{
    Set,
    Batch,
    Demand,
    DemandAll,
    Stabilize,
    Release,
}

/// <summary>A step of a generated run.</summary>
public sealed record Op(OpKind Kind, int Target, (int Ref, int Value)[] Sets);

/// <summary>
/// A random program: refs, memos over them (and over a keyed memo table whose entries read refs
/// conditionally), which memos are observed, and a sequence of operations.
/// </summary>
public sealed record GraphProgram(int RefCount, MemoDef[] Memos, bool[] Observed, Op[] Ops)
{
    /// <summary>Keys of the program's memo table: <c>t[k]</c> for k in [0, TableKeys).</summary>
    public const int TableKeys = 4;

    public static Arbitrary<GraphProgram> Arbitrary() => Generator().ToArbitrary();

    private static Gen<GraphProgram> Generator() =>
        from refCount in Gen.Choose(1, 5)
        from memoCount in Gen.Choose(1, 12)
        from rawDefs in Gen.ArrayOf(Gen.Choose(0, 1_000_000), memoCount * 4)
        from observed in Gen.ArrayOf(Gen.Elements(true, false), memoCount)
        from opCount in Gen.Choose(1, 30)
        from rawOps in Gen.ArrayOf(Gen.Choose(0, 1_000_000), opCount * 6)
        select Build(refCount, memoCount, rawDefs, observed, opCount, rawOps);

    private static GraphProgram Build(int refCount, int memoCount, int[] rawDefs, bool[] observed, int opCount, int[] rawOps)
    {
        var memos = new MemoDef[memoCount];
        for (int j = 0; j < memoCount; j++)
        {
            int r = j * 4;
            var kind = (ExprKind)(rawDefs[r] % 5);
            int operandCount = kind switch
            {
                ExprKind.Sum => 1 + (rawDefs[r] / 5 % 3),
                ExprKind.Cond => 3,
                _ => 1,
            };
            var operands = new int[operandCount];
            for (int o = 0; o < operandCount; o++)
            {
                operands[o] = (rawDefs[r + 1 + o] % (refCount + j)) - refCount;
            }

            memos[j] = new MemoDef(kind, operands, 2 + (rawDefs[r + 1] / 7 % 2));
        }

        var ops = new Op[opCount];
        for (int i = 0; i < opCount; i++)
        {
            int r = i * 6;
            int choice = rawOps[r] % 100;
            OpKind kind = choice switch
            {
                < 35 => OpKind.Set,
                < 50 => OpKind.Batch,
                < 75 => OpKind.Demand,
                < 85 => OpKind.DemandAll,
                < 95 => OpKind.Stabilize,
                _ => OpKind.Release,
            };
            int setCount = kind == OpKind.Batch ? 1 + (rawOps[r + 1] % 3) : kind == OpKind.Set ? 1 : 0;
            var sets = new (int, int)[setCount];
            for (int s = 0; s < setCount; s++)
            {
                sets[s] = (rawOps[r + 2 + s] % refCount, rawOps[r + 2 + s] / 13 % 5);
            }

            ops[i] = new Op(kind, rawOps[r + 5] % memoCount, sets);
        }

        return new GraphProgram(refCount, memos, observed, ops);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("refs: ").Append(RefCount).Append('\n');
        for (int j = 0; j < Memos.Length; j++)
        {
            MemoDef d = Memos[j];
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"m{j} = {d.Kind}({string.Join(", ", d.Operands.Select(Operand))}){(d.Kind == ExprKind.Mod ? " % " + d.Modulus : string.Empty)}{(Observed[j] ? " [observed]" : string.Empty)}\n");
        }

        foreach (Op op in Ops)
        {
            text.Append(op.Kind switch
            {
                OpKind.Set or OpKind.Batch => $"{op.Kind} {string.Join(", ", op.Sets.Select(s => $"r{s.Ref}={s.Value}"))}",
                OpKind.Demand => $"Demand m{op.Target}",
                _ => op.Kind.ToString(),
            }).Append('\n');
        }

        return text.ToString();
    }

    public static string Operand(int o) => o >= 0 ? "m" + o : "r" + (-o - 1);
}
