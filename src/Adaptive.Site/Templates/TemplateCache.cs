using System.Collections.Concurrent;

namespace Adaptive.Site;

/// <summary>
/// Compiled templates by their inlined text: compiling is a pure function of the text, so
/// caching it is invisible to the memo graph (which depends on the text, not on this cache).
/// Bounded: cleared when it grows past <see cref="Capacity"/> entries (a long watch session edits
/// templates many times).
/// </summary>
internal static class TemplateCache
{
    public const int Capacity = 512;

    private static readonly ConcurrentDictionary<string, CompiledTemplate> s_compiled = new(StringComparer.Ordinal);

    public static CompiledTemplate Compile(TemplateSource template, PartialInliner.Result inlined)
    {
        if (s_compiled.TryGetValue(inlined.Text, out CompiledTemplate? cached) && cached.Source == template)
        {
            return cached;
        }

        if (s_compiled.Count >= Capacity)
        {
            s_compiled.Clear();
        }

        CompiledTemplate compiled = TemplateEngine.CompileInlined(template, inlined);
        s_compiled[inlined.Text] = compiled;
        return compiled;
    }
}
