// Shortcodes as the site renders them: layouts/shortcodes/NAME.hbs (the site's, else the default
// theme's figure, note, warning and card) applied to a use's arguments and inner HTML. A page's
// Markdown reads each template it uses, and the partials in it, as a value of its own, so an
// edit of a shortcode template re-renders exactly the pages that use it.
using System.Text.RegularExpressions;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>A layout read by page Markdown, by file (<c>layouts/shortcodes/note.hbs</c>,
    /// <c>layouts/partials/x.hbs</c>): the site's file, else the default theme's, else null. A
    /// cross-reference for the phased cache: the page renders differently when the file changes.</summary>
    internal static readonly SiteTable<string, TemplateSource?> MarkdownLayout = new(
        "Site.MarkdownLayout", static (s, file) => s.ComputeMarkdownLayout(file), SiteJson.Codec<TemplateSource?>(),
        role: SiteValueRole.CrossReference);

    private TemplateSource? ComputeMarkdownLayout(string file) => Get(Layout, file["layouts/".Length..^".hbs".Length]);

    /// <summary>The HTML of one shortcode use in <paramref name="call"/>'s page.</summary>
    private string RenderShortcode(ShortcodeCall call, PageImageResolver images)
    {
        string file = "layouts/shortcodes/" + call.Name + ".hbs";
        TemplateSource template = Get(MarkdownLayout, file) ?? throw UnknownShortcode(call);
        if (call.Inner is null && UsesInner().IsMatch(template.Text))
        {
            throw new SiteException(new SiteDiagnostic(call.File, call.Line, call.Column,
                $"shortcode '{call.Name}' is not closed: it shows its inner content, so end it with {{{{< /{call.Name} >}}}}"));
        }

        try
        {
            CompiledTemplate compiled = TemplateCache.Compile(template, PartialInliner.Inline(template, name => Get(MarkdownLayout, "layouts/partials/" + name + ".hbs")));
            return compiled.Render(new ShortcodeContext(call, images));
        }
        catch (SiteException error) when (error.Diagnostic.File == template.File)
        {
            // Located at the use: that is what the author edits (the template named in the message).
            throw new SiteException(new SiteDiagnostic(call.File, call.Line, call.Column,
                $"shortcode '{call.Name}' ({template.File}{(error.Diagnostic.Line > 0 ? $":{error.Diagnostic.Line}:{error.Diagnostic.Column}" : "")}): {error.Diagnostic.Message}"));
        }
    }

    private SiteException UnknownShortcode(ShortcodeCall call)
    {
        var known = new SortedSet<string>(StringComparer.Ordinal);
        foreach (IReadOnlyList<string> layouts in (IReadOnlyList<string>[])[DefaultTheme.Files, Model.Files.Layouts])
        {
            foreach (string layout in layouts)
            {
                if (layout.StartsWith("layouts/shortcodes/", StringComparison.Ordinal) && layout.EndsWith(".hbs", StringComparison.Ordinal))
                {
                    known.Add(layout["layouts/shortcodes/".Length..^".hbs".Length]); // the theme's built-ins and the site's own
                }
            }
        }

        return new SiteException(new SiteDiagnostic(call.File, call.Line, call.Column,
            $"unknown shortcode '{call.Name}': create layouts/shortcodes/{call.Name}.hbs or use one of {string.Join(", ", known)}"));
    }

    // A template that reads 'inner' ({{{inner}}}, {{#if inner}}) shows a pair's content.
    [GeneratedRegex(@"\{\{[^}]*\binner\b", RegexOptions.CultureInvariant)]
    private static partial Regex UsesInner();
}

/// <summary>What a shortcode template sees: <c>name</c>, <c>params</c> (the named arguments),
/// <c>args</c> (the positional ones), <c>inner</c> (a pair's content as HTML; absent on a
/// self-closing use), <c>page</c> (its <c>source</c>) and <c>images</c> (the page's images, for the
/// <c>image</c> helper). Nothing else of the site: a shortcode's HTML follows from its use alone.</summary>
internal sealed class ShortcodeContext : TemplateContext
{
    public ShortcodeContext(ShortcodeCall call, PageImageResolver images)
    {
        this["images"] = images;
        this["name"] = call.Name;
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, string value) in call.Named)
        {
            named[key] = value;
        }

        this["params"] = named;
        this["args"] = new List<object?>(call.Positional);
        if (call.Inner is not null)
        {
            this["inner"] = call.Inner;
        }

        this["page"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["source"] = call.File };
    }
}
