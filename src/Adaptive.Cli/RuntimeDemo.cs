using Adaptive.Core;

namespace Adaptive.Cli;

/// <summary>
/// A guided tour of the runtime on a tiny "site": two page bodies, a word count per page,
/// and a total. Prints which memos execute after each change.
/// </summary>
internal static class RuntimeDemo
{
    public static void Run(TextWriter output)
    {
        var rt = new AdaptiveRuntime();
        var executed = new List<string>();
        Ref<string> intro = rt.Ref("Hello adaptive world", name: "intro.md");
        Ref<string> guide = rt.Ref("Install then build", name: "guide.md");
        MemoTable<Ref<string>, int> words = rt.MemoTable<Ref<string>, int>(
            page =>
            {
                int count = page.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                executed.Add("words[" + page.Name + "]");
                return count;
            },
            name: "words");
        Memo<int> total = rt.Memo(
            () =>
            {
                int sum = words[intro] + words[guide];
                executed.Add("total");
                return sum;
            },
            name: "total");

        void Show(string step)
        {
            executed.Clear();
            int value = total.Value;
            output.WriteLine($"{step,-44} total = {value,2}   executed: {(executed.Count == 0 ? "(nothing)" : string.Join(", ", executed))}");
        }

        Show("cold: first demand");
        Show("no change");
        intro.Value = "Hello adaptive world, again";
        Show("intro.md edited (word count changes)");
        guide.Value = "Install, then build";
        Show("guide.md edited (same word count: cutoff)");
        rt.Batch(() =>
        {
            intro.Value = "One";
            guide.Value = "Two words";
        });
        Show("both edited in one batch");
        output.WriteLine();
        output.WriteLine($"why did 'total' last execute? {total.LastExecution}");
        output.WriteLine($"stats: {rt.Stats}");
    }
}
