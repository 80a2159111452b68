using System.Collections.Concurrent;
using System.Text;
using TextMateSharp.Grammars;
using TextMateSharp.Registry;

namespace Adaptive.Site;

/// <summary>
/// Syntax highlighting of fenced code at build time with TextMateSharp and the VS Code grammars
/// it ships (TextMateSharp.Grammars): each token becomes a <c>&lt;span class="hl-…"&gt;</c> of a
/// few kinds (comment, string, keyword, number, constant, type, function, tag, attribute,
/// property, emphasis) that the default theme colors in light and dark. A pure function of the language
/// and the code; an unknown language is null (the block renders as plain code).
/// </summary>
/// <remarks>
/// Measured on this machine before choosing (400 lines of C#): TextMateSharp 0.6–1 ms a line,
/// ColorCode 0.05 ms, but ColorCode has no Go, Rust, shell, JSON or YAML grammar. The site
/// computes each block once (<see cref="SiteLogic.Highlighted"/>, keyed by language and code),
/// so an edit of a page's prose re-highlights nothing. Grammars are not thread-safe: a thread
/// takes a registry from a pool for one block and puts it back.
/// </remarks>
internal static class Highlighter
{
    // Scope prefixes to classes, most specific first; the innermost scope that matches wins.
    private static readonly (string Scope, string Class)[] s_classes =
    [
        ("comment", "hl-comment"),
        ("string", "hl-string"),
        ("constant.numeric", "hl-number"),
        ("constant.character.escape", "hl-string"),
        ("constant", "hl-constant"),
        ("keyword.operator", string.Empty),
        ("keyword", "hl-keyword"),
        ("storage", "hl-keyword"),
        ("entity.name.function", "hl-function"),
        ("support.function", "hl-function"),
        ("entity.name.tag", "hl-tag"),
        ("entity.other.attribute-name", "hl-attribute"),
        ("support.type.property-name", "hl-property"),
        ("meta.object-literal.key", "hl-property"),
        ("entity.name.type", "hl-type"),
        ("entity.name.class", "hl-type"),
        ("support.type", "hl-type"),
        ("support.class", "hl-type"),
        ("variable.language", "hl-constant"),
        ("markup.heading", "hl-keyword"),
        ("markup.inline.raw", "hl-string"),
        ("markup.underline.link", "hl-string"),
        ("markup.italic", "hl-emphasis"),
        ("markup.bold", "hl-emphasis"),
    ];

    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs"] = "csharp", ["c#"] = "csharp", ["js"] = "javascript", ["jsx"] = "javascriptreact", ["ts"] = "typescript",
        ["tsx"] = "typescriptreact", ["py"] = "python", ["rs"] = "rust", ["golang"] = "go", ["sh"] = "shellscript",
        ["bash"] = "shellscript", ["shell"] = "shellscript", ["zsh"] = "shellscript", ["console"] = "shellscript",
        ["yml"] = "yaml", ["md"] = "markdown", ["htm"] = "html", ["ps1"] = "powershell", ["rb"] = "ruby",
    };

    // Registries in use are taken out; at most one per thread highlighting at once is ever made
    // (a registry per thread that ever highlighted cost each new thread ~0.4 s of grammar loads).
    private static readonly ConcurrentBag<Grammars> s_pool = [];

    /// <summary>The highlighted HTML of <paramref name="code"/> (escaped, without the
    /// <c>pre</c>/<c>code</c> elements), or null when there is no grammar for <paramref name="language"/>.</summary>
    public static string? Highlight(string language, string code)
    {
        if (!s_pool.TryTake(out Grammars? grammars))
        {
            grammars = new Grammars();
        }

        try
        {
            return grammars.For(language) is { } grammar ? Highlight(grammar, code) : null;
        }
        finally
        {
            s_pool.Add(grammars);
        }
    }

    private static string Highlight(IGrammar grammar, string code)
    {

        var html = new StringBuilder(code.Length * 2);
        IStateStack? state = null;
        string[] lines = code.Split('\n');
        foreach (string line in lines)
        {
            ITokenizeLineResult result = grammar.TokenizeLine(line, state, TimeSpan.FromSeconds(2));
            state = result.RuleStack;
            int written = 0;
            foreach (IToken token in result.Tokens)
            {
                int start = Math.Clamp(token.StartIndex, written, line.Length);
                int end = Math.Clamp(token.EndIndex, start, line.Length);
                if (end <= start)
                {
                    continue;
                }

                if (start > written)
                {
                    Escape(html, line.AsSpan(written, start - written));
                }

                string css = ClassOf(token.Scopes);
                if (css.Length == 0)
                {
                    Escape(html, line.AsSpan(start, end - start));
                }
                else
                {
                    html.Append("<span class=\"").Append(css).Append("\">");
                    Escape(html, line.AsSpan(start, end - start));
                    html.Append("</span>");
                }

                written = end;
            }

            if (written < line.Length)
            {
                Escape(html, line.AsSpan(written)); // what a timed-out line did not reach
            }

            html.Append('\n'); // as Markdig ends every line of a code block
        }

        return html.ToString();
    }

    // The characters Markdig escapes in code (so a block reads the same with or without spans).
    private static void Escape(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            _ = c switch
            {
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '&' => html.Append("&amp;"),
                '"' => html.Append("&quot;"),
                _ => html.Append(c),
            };
        }
    }

    private static string ClassOf(List<string> scopes)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            string scope = scopes[i];
            foreach ((string prefix, string css) in s_classes)
            {
                if (scope.StartsWith(prefix, StringComparison.Ordinal) && (scope.Length == prefix.Length || scope[prefix.Length] == '.'))
                {
                    return css;
                }
            }
        }

        return string.Empty;
    }

    /// <summary>One thread's registry and the grammars it loaded (null: none for that language).</summary>
    private sealed class Grammars
    {
        private readonly RegistryOptions _options = new(ThemeName.LightPlus);
        private readonly Registry _registry;
        private readonly Dictionary<string, IGrammar?> _loaded = new(StringComparer.OrdinalIgnoreCase);

        public Grammars() => _registry = new Registry(_options);

        public IGrammar? For(string language)
        {
            if (!_loaded.TryGetValue(language, out IGrammar? grammar))
            {
                string id = s_aliases.GetValueOrDefault(language, language).ToLowerInvariant();
                string? scope = _options.GetScopeByLanguageId(id) ?? _options.GetScopeByExtension("." + id);
                grammar = scope is null ? null : _registry.LoadGrammar(scope);
                _loaded[language] = grammar;
            }

            return grammar;
        }
    }
}
