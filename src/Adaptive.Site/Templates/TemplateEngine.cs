using System.Collections;
using System.Globalization;
using HandlebarsDotNet;

namespace Adaptive.Site;

/// <summary>A compiled template: renders a context to text; failures are <see cref="SiteException"/>s
/// naming the template's file.</summary>
public sealed class CompiledTemplate
{
    private readonly HandlebarsTemplate<object, object> _render;

    internal CompiledTemplate(TemplateSource source, ValueList<string> partials, HandlebarsTemplate<object, object> render)
    {
        Source = source;
        Partials = partials;
        _render = render;
    }

    /// <summary>The template it was compiled from.</summary>
    public TemplateSource Source { get; }

    /// <summary>The partials inlined into it.</summary>
    public ValueList<string> Partials { get; }

    /// <summary>Renders <paramref name="context"/> (dictionaries, lists and plain values).</summary>
    public string Render(object context)
    {
        try
        {
            return _render(context);
        }
        catch (HandlebarsException ex) when (Inner<SiteException>(ex) is { } inner)
        {
            throw new SiteException(inner.Diagnostic); // e.g. a data file the template reads is broken
        }
        catch (HandlebarsException ex)
        {
            throw new SiteException(new SiteDiagnostic(Source.File, 0, 0, "template error: " + ex.Message.Split('\n')[0].TrimEnd('.')));
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or NullReferenceException or KeyNotFoundException)
        {
            throw new SiteException(new SiteDiagnostic(Source.File, 0, 0, "template error in a helper: " + ex.Message));
        }
    }

    private static T? Inner<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>
/// Compiles templates with Handlebars.Net in one environment whose helpers are fixed and pure
/// (their output depends only on their arguments), so a template's output is a function of its
/// context. Helpers: <c>eq ne lt gt and or not</c> (for <c>{{#if (eq a b)}}</c>), <c>len</c>,
/// <c>join list sep</c>, <c>lower</c>, <c>upper</c>, <c>urlize</c>, <c>default value fallback</c>,
/// <c>date value "yyyy-MM-dd"</c>, <c>asset site.assets "css/main.css"</c> (the fingerprinted
/// URL of an asset), <c>json value</c>, and in shortcode templates and layouts <c>image images "cat.jpg" width=800
/// height=600 fit="cover" format="webp" quality=75</c> (a processed image: <c>url</c>, <c>width</c>,
/// <c>height</c>, <c>srcset</c>, <c>sizes</c>).
/// </summary>
public static class TemplateEngine
{
    private static readonly IHandlebars s_handlebars = CreateEnvironment();

    /// <summary>Compiles <paramref name="template"/> with its partials inlined.</summary>
    public static CompiledTemplate Compile(TemplateSource template, Func<string, TemplateSource?> partial)
    {
        ArgumentNullException.ThrowIfNull(template);
        return CompileInlined(template, PartialInliner.Inline(template, partial));
    }

    /// <summary>Compiles a template whose partials were inlined already.</summary>
    internal static CompiledTemplate CompileInlined(TemplateSource template, PartialInliner.Result inlined)
    {
        try
        {
            return new CompiledTemplate(template, inlined.Partials, s_handlebars.Compile(inlined.Text));
        }
        catch (HandlebarsException ex)
        {
            throw new SiteException(new SiteDiagnostic(template.File, 0, 0, "template syntax error: " + ex.Message.Split('\n')[0].TrimEnd('.')));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NullReferenceException or IndexOutOfRangeException or KeyNotFoundException)
        {
            // Handlebars.Net's parser fails this way on some malformed text (found by fuzzing).
            throw new SiteException(new SiteDiagnostic(template.File, 0, 0,
                "template syntax error: the template cannot be parsed (" + ex.Message.Split('\n')[0].TrimEnd('.') + "). Check that every '{{' has its '}}' and every block its closing tag"));
        }
    }

    private static IHandlebars CreateEnvironment()
    {
        IHandlebars env = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = false });
        env.RegisterHelper("eq", (_, args) => Same(Arg(args, 0), Arg(args, 1)));
        env.RegisterHelper("ne", (_, args) => !Same(Arg(args, 0), Arg(args, 1)));
        env.RegisterHelper("lt", (_, args) => Compare(Arg(args, 0), Arg(args, 1)) < 0);
        env.RegisterHelper("gt", (_, args) => Compare(Arg(args, 0), Arg(args, 1)) > 0);
        env.RegisterHelper("and", (_, args) => Enumerable.Range(0, args.Length).All(i => Truthy(Arg(args, i))));
        env.RegisterHelper("or", (_, args) => Enumerable.Range(0, args.Length).Any(i => Truthy(Arg(args, i))));
        env.RegisterHelper("not", (_, args) => !Truthy(Arg(args, 0)));
        env.RegisterHelper("len", (_, args) => Arg(args, 0) switch
        {
            string text => text.Length,
            ICollection collection => collection.Count,
            IEnumerable sequence => sequence.Cast<object?>().Count(),
            _ => 0,
        });
        env.RegisterHelper("join", (_, args) => Arg(args, 0) is IEnumerable items and not string
            ? string.Join(Arg(args, 1) as string ?? ", ", items.Cast<object?>())
            : Arg(args, 0)?.ToString() ?? string.Empty);
        env.RegisterHelper("lower", (_, args) => Text(Arg(args, 0)).ToLowerInvariant());
        env.RegisterHelper("upper", (_, args) => Text(Arg(args, 0)).ToUpperInvariant());
        env.RegisterHelper("urlize", (_, args) => Slug.Of(Text(Arg(args, 0))));
        env.RegisterHelper("default", (_, args) => Truthy(Arg(args, 0)) ? Arg(args, 0) : Arg(args, 1));
        env.RegisterHelper("date", (_, args) => Arg(args, 0) switch
        {
            DateTimeOffset date => date.ToString(Arg(args, 1) as string ?? "yyyy-MM-dd", CultureInfo.InvariantCulture),
            null => string.Empty,
            var other => other.ToString()!,
        });
        env.RegisterHelper("asset", (_, args) =>
        {
            string path = Text(Arg(args, 1));
            return Arg(args, 0) is IDictionary<string, object?> assets && assets.TryGetValue(path, out object? url)
                ? url
                : throw new ArgumentException($"no asset '{path}' in assets/ (the helper is used as {{{{asset site.assets \"{path}\"}}}})");
        });
        env.RegisterHelper("image", (_, args) => Arg(args, 0) is PageImageResolver images
            ? images.Process(Text(Arg(args, 1)), Options(args))
            : throw new ArgumentException("the image helper takes a page's images first: {{image images \"cat.jpg\" width=800}} (in a list, each page's images: {{#each pages}}{{image images params.cover width=400}}{{/each}})"));
        env.RegisterHelper("json", (_, args) => System.Text.Json.JsonSerializer.Serialize(Arg(args, 0)));
        return env;
    }

    /// <summary>An argument, with Handlebars' marker for a missing value read as null.</summary>
    private static object? Arg(Arguments args, int index) =>
        index < args.Length && args[index] is not UndefinedBindingResult ? args[index] : null;

    private static string Text(object? value) => value?.ToString() ?? string.Empty;

    /// <summary>A helper's named arguments (<c>width=800</c>), a missing value as null.</summary>
    private static List<KeyValuePair<string, string?>> Options(Arguments args)
    {
        var options = new List<KeyValuePair<string, string?>>();
        if (args.Length > 0 && args[args.Length - 1] is IDictionary<string, object?> hash)
        {
            foreach ((string key, object? value) in hash)
            {
                options.Add(new(key, value is null or UndefinedBindingResult ? null : Convert.ToString(value, CultureInfo.InvariantCulture)));
            }
        }

        return options;
    }

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    private static bool Same(object? left, object? right) =>
        Equals(left, right) || (left is not null && right is not null && Text(left) == Text(right));

    private static int Compare(object? left, object? right)
    {
        if (double.TryParse(Text(left), NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
            && double.TryParse(Text(right), NumberStyles.Float, CultureInfo.InvariantCulture, out double b))
        {
            return a.CompareTo(b);
        }

        return left is DateTimeOffset x && right is DateTimeOffset y ? x.CompareTo(y) : string.CompareOrdinal(Text(left), Text(right));
    }
}
