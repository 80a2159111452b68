// Image options in Markdown: ![A cat](cat.jpg?width=800&format=webp) asks for a processed variant
// of the page's image; the image becomes that variant with its width, height and, where the
// source is large enough, a srcset. Runs on a parsed document with the page's processor.
// Invariant: an image whose query names no image option is left as written (a query for a
// server, or an image on another server); a bad option is an error at the image's line.
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Adaptive.Site;

internal static class ImageOptions
{
    /// <summary>Processes each image of <paramref name="links"/> that has options.</summary>
    public static void Apply(List<LinkInline> links, string file, int bodyLine, Func<string, ImageSpec, ProcessedImage> process)
    {
        foreach (LinkInline link in links)
        {
            int query = link.IsImage && link.Url is { } written && !IsExternal(written) ? written.IndexOf('?', StringComparison.Ordinal) : -1;
            if (query < 0 || Options(link.Url![(query + 1)..]) is not { } options)
            {
                continue;
            }

            string url = link.Url!;

            ProcessedImage image;
            try
            {
                image = process(url[..query], ImageSpec.Parse(options));
            }
            catch (FormatException bad)
            {
                throw new SiteException(new SiteDiagnostic(file, bodyLine + link.Line, link.Column + 1, bad.Message + ". Fix the image's options"));
            }

            link.Url = image.Url;
            HtmlAttributes attributes = link.GetAttributes();
            Add(attributes, "width", image.Width?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(attributes, "height", image.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(attributes, "srcset", image.Srcset);
            Add(attributes, "sizes", image.Sizes);
            Add(attributes, "loading", "lazy");
        }
    }

    /// <summary>An image on another server: its query is that server's.</summary>
    internal static bool IsExternal(string src) =>
        src.StartsWith("//", StringComparison.Ordinal) || src.Contains("://", StringComparison.Ordinal) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The query's pairs, or null when none is an image option.</summary>
    private static List<KeyValuePair<string, string?>>? Options(string query)
    {
        var options = new List<KeyValuePair<string, string?>>();
        bool any = false;
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            any |= Array.IndexOf(ImageSpec.Keys, key) >= 0;
            options.Add(new(key, equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..])));
        }

        return any ? options : null;
    }

    private static void Add(HtmlAttributes attributes, string name, string? value)
    {
        if (value is not null)
        {
            attributes.AddProperty(name, value);
        }
    }
}
