using System.Text;

namespace Adaptive.Site;

/// <summary>
/// Replaces partial references by the partials' text, recursively, so each template compiles on
/// its own and a page's render depends on exactly the partials it uses (no shared, mutable
/// partial registrations). <c>{{> name context}}</c> becomes
/// <c>{{#with context}}…{{/with}}</c>. A missing partial and a partial that includes itself are
/// errors located at the reference.
/// </summary>
public static class PartialInliner
{
    /// <summary>The inlined text and the names of every partial used (directly or not), sorted.</summary>
    public readonly record struct Result(string Text, ValueList<string> Partials);

    /// <summary>Inlines the partials of <paramref name="template"/>.</summary>
    /// <param name="template">The template.</param>
    /// <param name="partial">The partial named (without <c>partials/</c>), or null when none.</param>
    public static Result Inline(TemplateSource template, Func<string, TemplateSource?> partial)
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        string text = Inline(template, partial, [], used);
        return new Result(text, new ValueList<string>(used));
    }

    private static string Inline(TemplateSource template, Func<string, TemplateSource?> partial, List<string> chain, SortedSet<string> used)
    {
        IReadOnlyList<TemplateScanner.PartialReference> references = TemplateScanner.Scan(template);
        if (references.Count == 0)
        {
            return template.Text;
        }

        var text = new StringBuilder(template.Text.Length);
        int position = 0;
        foreach (TemplateScanner.PartialReference reference in references)
        {
            text.Append(template.Text, position, reference.Index - position);
            position = reference.Index + reference.Length;
            if (chain.Contains(reference.Name, StringComparer.Ordinal))
            {
                throw TemplateScanner.Error(template, reference.Line,
                    $"partial '{reference.Name}' includes itself: {string.Join(" > ", chain)} > {reference.Name}");
            }

            TemplateSource? included = partial(reference.Name)
                ?? throw TemplateScanner.Error(template, reference.Line,
                    $"partial '{reference.Name}' does not exist: create layouts/partials/{reference.Name}.hbs");
            used.Add(reference.Name);
            chain.Add(reference.Name);
            string inlined = Inline(included, partial, chain, used);
            chain.RemoveAt(chain.Count - 1);
            if (reference.Context is null)
            {
                text.Append(inlined);
            }
            else
            {
                text.Append("{{#with ").Append(reference.Context).Append("}}").Append(inlined).Append("{{/with}}");
            }
        }

        text.Append(template.Text, position, template.Text.Length - position);
        return text.ToString();
    }
}
