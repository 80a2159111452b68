namespace Adaptive.Core.Tests.Properties;

/// <summary>
/// The naive model: recomputes a program's values from scratch from the current ref values,
/// and records which memos a from-scratch evaluation touches (for the laziness property).
/// A failing memo throws <see cref="DivideByZeroException"/>, like the real one.
/// </summary>
internal sealed class ReferenceEvaluator(GraphProgram program, int[] refs)
{
    /// <summary>Stands for "threw" where values are compared.</summary>
    public const long Failed = long.MinValue;

    /// <summary>Evaluates <paramref name="evaluate"/>, mapping a failure to <see cref="Failed"/>.</summary>
    public static long Outcome(Func<int> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (DivideByZeroException)
        {
            return Failed;
        }
    }

    public int Memo(int j, ISet<string>? touched = null)
    {
        touched?.Add("m" + j);
        MemoDef def = program.Memos[j];
        return def.Kind switch
        {
            ExprKind.Sum => def.Operands.Sum(o => Operand(o, touched)),
            ExprKind.Cond => Operand(def.Operands[0], touched) % 2 == 0 ? Operand(def.Operands[1], touched) : Operand(def.Operands[2], touched),
            ExprKind.Mod => Operand(def.Operands[0], touched) % def.Modulus,
            ExprKind.Div => 12 / Operand(def.Operands[0], touched),
            _ => Table(Operand(def.Operands[0], touched) % GraphProgram.TableKeys, touched),
        };
    }

    public int Operand(int o, ISet<string>? touched = null) => o >= 0 ? Memo(o, touched) : refs[-o - 1];

    /// <summary>The table entry: reads one ref, and a second one only when the first is odd.</summary>
    public int Table(int key, ISet<string>? touched = null)
    {
        touched?.Add("t" + key);
        int first = refs[key % refs.Length];
        return first % 2 == 0 ? first + key : refs[(key + 1) % refs.Length] * 2;
    }

    /// <summary>The current value of a node named as in the harness (r0, m3, t1).</summary>
    public int ValueOf(string node) => node[0] switch
    {
        'r' => refs[int.Parse(node.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)],
        'm' => Memo(int.Parse(node.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)),
        _ => Table(int.Parse(node.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)),
    };
}
