using System.Text.RegularExpressions;

namespace Adaptive.Site;

/// <summary>
/// Checks a template before it is compiled — Handlebars.Net reports syntax errors without a line
/// and renders an unknown block helper as nothing — and finds its partial references:
/// <list type="bullet">
/// <item>every <c>{{#block}}</c> is closed by a matching <c>{{/block}}</c>, in order;</item>
/// <item>every block helper is known (<c>if unless each with</c> and the site's own);</item>
/// <item><c>{{> name}}</c> and <c>{{> name context}}</c> are partial references (inlined later).</item>
/// </list>
/// </summary>
public static partial class TemplateScanner
{
    /// <summary>A partial reference: <c>{{> Name Context}}</c> at <see cref="Index"/>.</summary>
    /// <param name="Name">The partial's name (a path under <c>layouts/partials</c>, no extension).</param>
    /// <param name="Context">The context expression, or null for the current context.</param>
    /// <param name="Index">Where the reference starts in the text.</param>
    /// <param name="Length">The reference's length.</param>
    /// <param name="Line">Its 1-based line.</param>
    public sealed record PartialReference(string Name, string? Context, int Index, int Length, int Line);

    private static readonly HashSet<string> s_blockHelpers = new(StringComparer.Ordinal) { "if", "unless", "each", "with" };

    /// <summary>Validates <paramref name="template"/>; returns its partial references in order.</summary>
    public static IReadOnlyList<PartialReference> Scan(TemplateSource template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var open = new Stack<(string Name, int Line)>();
        var partials = new List<PartialReference>();
        foreach (Match match in Mustache().Matches(template.Text))
        {
            string body = match.Groups["body"].Value.Trim().TrimStart('~').TrimEnd('~').Trim();
            int line = 1 + template.Text.AsSpan(0, match.Index).Count('\n');
            if (body.StartsWith('!'))
            {
                continue; // comment
            }

            if (body.StartsWith('#'))
            {
                string name = FirstWord(body[1..]);
                if (!s_blockHelpers.Contains(name))
                {
                    throw Error(template, line, $"unknown block helper '{name}': use if, unless, each or with");
                }

                open.Push((name, line));
            }
            else if (body.StartsWith('/'))
            {
                string name = FirstWord(body[1..]);
                if (open.Count == 0)
                {
                    throw Error(template, line, $"'{{{{/{name}}}}}' closes a block that was never opened");
                }

                (string expected, int openedAt) = open.Pop();
                if (name != expected)
                {
                    throw Error(template, line, $"'{{{{/{name}}}}}' closes '{{{{#{expected}}}}}' opened on line {openedAt}: close blocks in the order they were opened");
                }
            }
            else if (body.StartsWith('>'))
            {
                string[] words = body[1..].Trim().Split((char[])[' ', '\t', '\n'], 2, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    throw Error(template, line, "'{{>}}' needs a partial name");
                }

                string? context = words.Length > 1 ? words[1].Trim() : null;
                if (context is not null && context.Contains('=', StringComparison.Ordinal))
                {
                    throw Error(template, line, $"partial '{words[0]}': hash arguments are not supported; pass a context object instead ({{{{> {words[0]} page}}}})");
                }

                partials.Add(new PartialReference(words[0].Trim('"', '\''), context, match.Index, match.Length, line));
            }
        }

        if (open.Count > 0)
        {
            (string name, int line) = open.Pop();
            throw Error(template, line, $"'{{{{#{name}}}}}' is never closed: add '{{{{/{name}}}}}'");
        }

        return partials;
    }

    internal static SiteException Error(TemplateSource template, int line, string message) =>
        new(new SiteDiagnostic(template.File, line, 1, message));

    private static string FirstWord(string text)
    {
        string trimmed = text.TrimStart();
        int end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        return trimmed[..end];
    }

    [GeneratedRegex(@"\{\{\{?(?<body>[^{}]*)\}?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Mustache();
}
