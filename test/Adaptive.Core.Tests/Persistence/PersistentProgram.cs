using System.Collections.Concurrent;
using Adaptive.Core.Tests.Properties;

namespace Adaptive.Core.Tests.Persistence;

/// <summary>
/// A <see cref="GraphProgram"/> built on a runtime with named nodes and default codecs, so that
/// with a trace store every ref, memo and table entry is persistent. Logs what executes.
/// </summary>
internal sealed class PersistentProgram
{
    private readonly GraphProgram _program;
    private readonly Ref<int>[] _refs;
    private readonly Memo<int>[] _memos;
    private readonly MemoTable<int, int> _table;

    public PersistentProgram(GraphProgram program, int[] refValues, ITraceStore? store, bool singleBuild = false)
    {
        _program = program;
        Runtime = store is null ? new AdaptiveRuntime() : new AdaptiveRuntime(store, singleBuild: singleBuild);
        _refs = [.. refValues.Select((v, i) => Runtime.Ref(v, "r" + i))];
        _table = Runtime.MemoTable<int, int>(ComputeTable, "t");
        _memos = new Memo<int>[program.Memos.Length];
        for (int j = 0; j < _memos.Length; j++)
        {
            _memos[j] = Runtime.Memo((this, j), static s => s.Item1.Compute(s.j), "m" + j);
        }
    }

    public AdaptiveRuntime Runtime { get; }

    public ConcurrentQueue<string> Executed { get; } = new();

    /// <summary>The memos, in order.</summary>
    public IReadOnlyList<Memo<int>> Memos => _memos;

    /// <summary>Every memo's value, or <see cref="ReferenceEvaluator.Failed"/>.</summary>
    public long[] DemandAll() => [.. _memos.Select(m => ReferenceEvaluator.Outcome(() => m.Value))];

    public void Set(int[] refValues) => Runtime.Batch(() =>
    {
        for (int i = 0; i < refValues.Length; i++)
        {
            _refs[i].Value = refValues[i];
        }
    });

    public List<string> TakeExecuted()
    {
        var names = new List<string>();
        while (Executed.TryDequeue(out string? name))
        {
            names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private int Compute(int j)
    {
        Executed.Enqueue("m" + j);
        MemoDef def = _program.Memos[j];
        return def.Kind switch
        {
            ExprKind.Sum => def.Operands.Sum(Read),
            ExprKind.Cond => Read(def.Operands[0]) % 2 == 0 ? Read(def.Operands[1]) : Read(def.Operands[2]),
            ExprKind.Mod => Read(def.Operands[0]) % def.Modulus,
            ExprKind.Div => 12 / Read(def.Operands[0]),
            _ => _table[Read(def.Operands[0]) % GraphProgram.TableKeys],
        };
    }

    private int ComputeTable(int key)
    {
        Executed.Enqueue("t" + key);
        int first = _refs[key % _refs.Length].Value;
        return first % 2 == 0 ? first + key : _refs[(key + 1) % _refs.Length].Value * 2;
    }

    private int Read(int operand) => operand >= 0 ? _memos[operand].Value : _refs[-operand - 1].Value;
}
