using System.Collections.Concurrent;

namespace Adaptive.Core.Tests.Properties;

/// <summary>What a harness run checks; each property test enables one or more.</summary>
[Flags]
internal enum Checks
{
    Consistency = 1,
    Minimality = 2,
    AtMostOnce = 4,
    Laziness = 8,
    Observation = 16,
    All = Consistency | Minimality | AtMostOnce | Laziness | Observation,
}

/// <summary>
/// Runs a <see cref="GraphProgram"/> on a real runtime, instrumented: every execution records
/// what it read (with the values), is counted per propagation and per step, and is compared with
/// the <see cref="ReferenceEvaluator"/>. Violations are collected and reported at the end.
/// </summary>
internal sealed class Harness
{
    private readonly GraphProgram _program;
    private readonly Checks _checks;
    private readonly bool _parallel;
    private readonly int[] _refValues;
    private readonly AdaptiveRuntime _rt = new();
    private readonly Ref<int>[] _refs;
    private readonly Memo<int>[] _memos;
    private readonly MemoTable<int, int> _table;
    private readonly Observer _observer;
    private readonly ConcurrentDictionary<string, (string Node, long Value)[]> _lastReads = new();
    private readonly ConcurrentDictionary<string, int> _executionsThisPropagation = new();
    private readonly ConcurrentQueue<string> _executedThisStep = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Dictionary<int, long> _lastReported = [];
    private readonly HashSet<string> _demandedSinceStabilize = [];
    private int _step;

    public Harness(GraphProgram program, Checks checks, bool parallel)
    {
        _program = program;
        _checks = checks;
        _parallel = parallel;
        _refValues = new int[program.RefCount];
        _refs = new Ref<int>[program.RefCount];
        for (int i = 0; i < program.RefCount; i++)
        {
            _refs[i] = _rt.Ref(0, "r" + i);
        }

        _table = _rt.MemoTable<int, int>(ComputeTable, "t");
        _memos = new Memo<int>[program.Memos.Length];
        for (int j = 0; j < _memos.Length; j++)
        {
            _memos[j] = _rt.Memo((this, j), static s => s.Item1.ComputeMemo(s.j), "m" + j);
        }

        _observer = _rt.CreateObserver();
        for (int j = 0; j < _memos.Length; j++)
        {
            if (program.Observed[j])
            {
                _observer.Add(_memos[j]);
            }
        }
    }

    /// <summary>Runs every operation; returns the violations found (empty when correct).</summary>
    public List<string> Run()
    {
        for (int step = 0; step < _program.Ops.Length; step++)
        {
            Apply(_program.Ops[step], step);
        }

        return [.. _violations];
    }

    /// <summary>The memo's value, or <see cref="ReferenceEvaluator.Failed"/>.</summary>
    public long Value(int memo) => ReferenceEvaluator.Outcome(() => _memos[memo].Value);

    private ReferenceEvaluator Reference => new(_program, _refValues);

    private void Apply(Op op, int step)
    {
        _step = step;
        while (_executedThisStep.TryDequeue(out _))
        {
        }

        switch (op.Kind)
        {
            case OpKind.Set:
                _refs[op.Sets[0].Ref].Value = op.Sets[0].Value;
                _refValues[op.Sets[0].Ref] = op.Sets[0].Value;
                _executionsThisPropagation.Clear();
                break;
            case OpKind.Batch:
                _rt.Batch(() =>
                {
                    foreach ((int r, int v) in op.Sets)
                    {
                        _refs[r].Value = v;
                    }
                });
                foreach ((int r, int v) in op.Sets)
                {
                    _refValues[r] = v;
                }

                _executionsThisPropagation.Clear();
                break;
            case OpKind.Demand:
                Demand([op.Target], step);
                break;
            case OpKind.DemandAll:
                Demand([.. Enumerable.Range(0, _memos.Length)], step);
                break;
            case OpKind.Stabilize:
                Stabilize(step);
                break;
            case OpKind.Release:
                _rt.ReleaseUnobserved();
                _lastReads.Clear(); // released memos legitimately execute again
                _executionsThisPropagation.Clear();
                break;
        }
    }

    private void Demand(int[] targets, int step)
    {
        var touched = new HashSet<string>();
        var expected = new long[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            expected[i] = ReferenceEvaluator.Outcome(() => Reference.Memo(targets[i], touched));
        }

        var actual = new long[targets.Length];
        if (_parallel && targets.Length > 1)
        {
            Parallel.For(0, targets.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Value(targets[i]));
        }
        else
        {
            for (int i = 0; i < targets.Length; i++)
            {
                actual[i] = Value(targets[i]);
            }
        }

        for (int i = 0; i < targets.Length; i++)
        {
            if (Enabled(Checks.Consistency) && actual[i] != expected[i])
            {
                _violations.Enqueue($"step {step}: m{targets[i]} = {actual[i]}, from scratch {expected[i]}");
            }
        }

        _demandedSinceStabilize.UnionWith(touched);
        CheckLaziness(touched, step);
    }

    private void Stabilize(int step)
    {
        var touched = new HashSet<string>();
        var must = new HashSet<string>();
        var allowed = new HashSet<string>();
        var values = new Dictionary<int, long>();
        for (int j = 0; j < _memos.Length; j++)
        {
            if (!_program.Observed[j])
            {
                continue;
            }

            long value = ReferenceEvaluator.Outcome(() => Reference.Memo(j, touched));
            values[j] = value;
            if (!_lastReported.TryGetValue(j, out long reported) || reported != value)
            {
                must.Add("m" + j);
            }
            else if (_demandedSinceStabilize.Contains("m" + j))
            {
                allowed.Add("m" + j); // it may have changed and changed back in between
            }
        }

        var changed = _observer.Stabilize(_parallel ? 4 : 1).Select(m => m.Name).ToHashSet();
        if (Enabled(Checks.Observation))
        {
            if (!must.IsSubsetOf(changed) || !changed.IsSubsetOf(must.Union(allowed)))
            {
                _violations.Enqueue($"step {step}: observer reported [{string.Join(", ", changed.Order())}], expected [{string.Join(", ", must.Order())}] (+ maybe [{string.Join(", ", allowed.Order())}])");
            }
        }

        foreach ((int j, long value) in values)
        {
            _lastReported[j] = value;
            if (Enabled(Checks.Consistency) && Value(j) != value)
            {
                _violations.Enqueue($"step {step}: observed m{j} = {Value(j)}, from scratch {value}");
            }
        }

        _demandedSinceStabilize.Clear();
        CheckLaziness(touched, step);
    }

    private void CheckLaziness(HashSet<string> touched, int step)
    {
        if (!Enabled(Checks.Laziness))
        {
            return;
        }

        foreach (string executed in _executedThisStep)
        {
            if (!touched.Contains(executed))
            {
                _violations.Enqueue($"step {step}: {executed} executed, but a from-scratch evaluation does not read it");
            }
        }
    }

    private int ComputeMemo(int j)
    {
        string name = "m" + j;
        OnExecute(name);
        var reads = new List<(string, long)>();
        MemoDef def = _program.Memos[j];
        try
        {
            return Evaluate(def, reads);
        }
        finally
        {
            _lastReads[name] = [.. reads];
        }
    }

    private int Evaluate(MemoDef def, List<(string, long)> reads)
    {
        int value;
        switch (def.Kind)
        {
            case ExprKind.Sum:
                value = 0;
                foreach (int o in def.Operands)
                {
                    value += Read(o, reads);
                }

                break;
            case ExprKind.Cond:
                value = Read(def.Operands[0], reads) % 2 == 0 ? Read(def.Operands[1], reads) : Read(def.Operands[2], reads);
                break;
            case ExprKind.Mod:
                value = Read(def.Operands[0], reads) % def.Modulus;
                break;
            case ExprKind.Div:
                value = 12 / Read(def.Operands[0], reads);
                break;
            default:
                int key = Read(def.Operands[0], reads) % GraphProgram.TableKeys;
                value = _table[key];
                reads.Add(("t" + key, value));
                break;
        }

        return value;
    }

    private int ComputeTable(int key)
    {
        string name = "t" + key;
        OnExecute(name);
        var reads = new List<(string, long)>();
        int firstRef = key % _refs.Length;
        int first = _refs[firstRef].Value;
        reads.Add(("r" + firstRef, first));
        int value;
        if (first % 2 == 0)
        {
            value = first + key;
        }
        else
        {
            int secondRef = (key + 1) % _refs.Length;
            int second = _refs[secondRef].Value;
            reads.Add(("r" + secondRef, second));
            value = second * 2;
        }

        _lastReads[name] = [.. reads];
        return value;
    }

    private int Read(int operand, List<(string, long)> reads)
    {
        string node = GraphProgram.Operand(operand);
        try
        {
            int value = operand >= 0 ? _memos[operand].Value : _refs[-operand - 1].Value;
            reads.Add((node, value));
            return value;
        }
        catch (DivideByZeroException)
        {
            reads.Add((node, ReferenceEvaluator.Failed));
            throw;
        }
    }

    private void OnExecute(string name)
    {
        _executedThisStep.Enqueue(name);
        int count = _executionsThisPropagation.AddOrUpdate(name, 1, static (_, n) => n + 1);
        if (Enabled(Checks.AtMostOnce) && count > 1)
        {
            _violations.Enqueue($"step {_step}: {name} executed {count} times in one propagation");
        }

        if (Enabled(Checks.Minimality) && _lastReads.TryGetValue(name, out (string Node, long Value)[]? previous))
        {
            ReferenceEvaluator reference = Reference;
            bool anyChanged = previous.Any(read => ReferenceEvaluator.Outcome(() => reference.ValueOf(read.Node)) != read.Value);
            if (!anyChanged)
            {
                _violations.Enqueue($"step {_step}: {name} re-executed although nothing it read changed ({string.Join(", ", previous.Select(r => $"{r.Node}={r.Value}"))})");
            }
        }
    }

    private bool Enabled(Checks check) => (_checks & check) != 0;
}
