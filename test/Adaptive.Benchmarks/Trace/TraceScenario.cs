using System.Globalization;
using Adaptive.Core;

namespace Adaptive.Benchmarks.Trace;

/// <summary>
/// A trace the size of a 10,000-page site: per page one input (its source, ~400 characters) and
/// a chain of 20 string memos (~160 characters each), the last one observed as the page's output.
/// 10,000 inputs and 200,000 persistent memos.
/// </summary>
internal sealed class TraceScenario
{
    public const int Pages = 10_000;
    public const int MemosPerPage = 20;

    private TraceScenario(AdaptiveRuntime runtime, Ref<string>[] sources, Observer outputs)
    {
        Runtime = runtime;
        Sources = sources;
        Outputs = outputs;
    }

    public AdaptiveRuntime Runtime { get; }

    public Ref<string>[] Sources { get; }

    public Observer Outputs { get; }

    public static string Source(int page, int version = 0) =>
        $"# Page {page} v{version}\n" + string.Concat(Enumerable.Repeat($"Paragraph of page {page} with some words in it. ", 8));

    /// <summary>Creates the graph (nothing is computed or read); page p's source is at
    /// <paramref name="versions"/>[p] (all 0 when null).</summary>
    public static TraceScenario Build(ITraceStore store, int[]? versions = null)
    {
        var rt = new AdaptiveRuntime(store);
        var sources = new Ref<string>[Pages];
        Observer outputs = rt.CreateObserver();
        for (int p = 0; p < Pages; p++)
        {
            string page = p.ToString(CultureInfo.InvariantCulture);
            sources[p] = rt.Ref(Source(p, versions?[p] ?? 0), "src/" + page);
            Memo<string> step = rt.Memo(sources[p], static s => Transform(s.Value, 0), "p" + page + ".0");
            for (int k = 1; k < MemosPerPage; k++)
            {
                step = rt.Memo((step, k), static s => Transform(s.step.Value, s.k), "p" + page + "." + k.ToString(CultureInfo.InvariantCulture));
            }

            outputs.Add(step);
        }

        return new TraceScenario(rt, sources, outputs);
    }

    private static string Transform(string input, int step) =>
        step.ToString(CultureInfo.InvariantCulture) + ":" + input[..Math.Min(input.Length, 150)] + "|" + input.Length.ToString(CultureInfo.InvariantCulture);
}
