namespace Adaptive.Core.Tests.Persistence;

/// <summary>
/// A small persistent graph whose inputs at iteration <c>i</c> are a pure function of <c>i</c>,
/// so a test can tell which iteration a store holds, and that it holds one, not a mix.
/// </summary>
internal static class CrashWriter
{
    public const int Inputs = 50;

    public static int ValueAt(int iteration, int input) => (iteration * 31) + input;

    /// <summary>Builds the graph with the inputs of <paramref name="iteration"/>.</summary>
    public static (AdaptiveRuntime Runtime, Ref<int>[] Inputs, Memo<long>[] Outputs, Observer Observer) Build(ITraceStore store, int iteration)
    {
        var rt = new AdaptiveRuntime(store);
        var inputs = new Ref<int>[Inputs];
        var outputs = new Memo<long>[Inputs];
        Observer observer = rt.CreateObserver();
        for (int i = 0; i < Inputs; i++)
        {
            inputs[i] = rt.Ref(ValueAt(iteration, i), "in" + i);
        }

        for (int i = 0; i < Inputs; i++)
        {
            Ref<int> a = inputs[i], b = inputs[(i + 1) % Inputs];
            outputs[i] = rt.Memo(() => ((long)a.Value * 1000) + b.Value, "out" + i);
            observer.Add(outputs[i]);
        }

        return (rt, inputs, outputs, observer);
    }

    public static long Expected(int iteration, int output) =>
        ((long)ValueAt(iteration, output) * 1000) + ValueAt(iteration, (output + 1) % Inputs);

    /// <summary>Saves iterations 1, 2, 3, ... until killed, printing each committed one.</summary>
    public static void Run(string path)
    {
        using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
        (AdaptiveRuntime rt, Ref<int>[] inputs, _, Observer observer) = Build(store, 0);
        observer.Stabilize();
        rt.SaveTrace();
        for (int iteration = 1; ; iteration++)
        {
            int current = iteration;
            rt.Batch(() =>
            {
                for (int i = 0; i < Inputs; i++)
                {
                    inputs[i].Value = ValueAt(current, i);
                }
            });
            observer.Stabilize();
            rt.SaveTrace();
            Console.Out.WriteLine("saved " + iteration);
            Console.Out.Flush();
        }
    }
}
