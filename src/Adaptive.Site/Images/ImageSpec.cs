// What an author asks of an image: a width and/or height, how to fit that box, an output format
// and a quality, from a Markdown image's query (?width=800&format=webp) or a template helper's
// arguments. Invariants: a spec is valid once parsed (bad values are refused with a message that
// says what is allowed); its Text is canonical (same request, same text), so it names the variant.
using System.Globalization;
using System.Text;

namespace Adaptive.Site;

/// <summary>How an image fills a width × height box.</summary>
internal enum ImageFit
{
    /// <summary>Scaled to fit inside the box, keeping its proportions (the default).</summary>
    Contain,

    /// <summary>Scaled to cover the box and cropped to it, around the center.</summary>
    Cover,

    /// <summary>Scaled to the box exactly, proportions or not.</summary>
    Stretch,

    /// <summary>Scaled to fit inside the box and padded to its size.</summary>
    Pad,
}

/// <summary>A parsed request for an image variant.</summary>
internal sealed record ImageSpec(int? Width, int? Height, ImageFit Fit, string? Format, int? Quality)
{
    /// <summary>The option names a request may use.</summary>
    public static readonly string[] Keys = ["width", "height", "fit", "format", "quality"];

    private const int MaxSide = 10_000;

    /// <summary>Parses options (name → value as written); null values are left out.</summary>
    /// <exception cref="FormatException">An unknown name or a bad value, with what to write instead.</exception>
    public static ImageSpec Parse(IEnumerable<KeyValuePair<string, string?>> options)
    {
        int? width = null, height = null, quality = null;
        ImageFit fit = ImageFit.Contain;
        string? format = null;
        foreach ((string key, string? value) in options)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            switch (key)
            {
                case "width":
                    width = Number(key, value, 1, MaxSide);
                    break;
                case "height":
                    height = Number(key, value, 1, MaxSide);
                    break;
                case "quality":
                    quality = Number(key, value, 1, 100);
                    break;
                case "fit":
                    fit = value switch
                    {
                        "contain" => ImageFit.Contain,
                        "cover" => ImageFit.Cover,
                        "stretch" => ImageFit.Stretch,
                        "pad" => ImageFit.Pad,
                        _ => throw new FormatException($"image fit '{value}' is not one of contain, cover, stretch, pad"),
                    };
                    break;
                case "format":
                    format = value.ToLowerInvariant() switch
                    {
                        "webp" => "webp",
                        "jpeg" or "jpg" => "jpeg",
                        "png" => "png",
                        _ => throw new FormatException($"image format '{value}' is not one of webp, jpeg, png"),
                    };
                    break;
                default:
                    throw new FormatException($"unknown image option '{key}': use {string.Join(", ", Keys)}");
            }
        }

        if (fit != ImageFit.Contain && (width is null || height is null))
        {
            throw new FormatException($"image fit '{fit.ToString().ToLowerInvariant()}' needs both a width and a height");
        }

        return new ImageSpec(width, height, fit, format, quality);
    }

    /// <summary>The same request at <paramref name="factor"/> times the size (for a 2x source).</summary>
    public ImageSpec Scaled(int factor) => this with { Width = Width * factor, Height = Height * factor };

    /// <summary>The request as text (<c>w800-h600-cover-q75-webp</c>); the empty parts left out.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            Part(text, Width is { } w ? "w" + w.ToString(CultureInfo.InvariantCulture) : null);
            Part(text, Height is { } h ? "h" + h.ToString(CultureInfo.InvariantCulture) : null);
            Part(text, Fit == ImageFit.Contain ? null : Fit.ToString().ToLowerInvariant());
            Part(text, Quality is { } q ? "q" + q.ToString(CultureInfo.InvariantCulture) : null);
            Part(text, Format);
            return text.Length == 0 ? "copy" : text.ToString();
        }
    }

    /// <summary>Parses <see cref="Text"/> back.</summary>
    public static ImageSpec FromText(string text)
    {
        var options = new List<KeyValuePair<string, string?>>();
        foreach (string part in text.Split('-'))
        {
            if (part == "copy")
            {
                continue; // the request with nothing in it
            }

            options.Add(part switch
            {
                "cover" or "stretch" or "pad" => new("fit", part),
                "webp" or "jpeg" or "png" => new("format", part),
                _ when part[0] == 'w' => new("width", part[1..]),
                _ when part[0] == 'h' => new("height", part[1..]),
                _ when part[0] == 'q' => new("quality", part[1..]),
                _ => throw new FormatException("not an image spec: " + text),
            });
        }

        return Parse(options);
    }

    private static void Part(StringBuilder text, string? part)
    {
        if (part is not null)
        {
            text.Append(text.Length == 0 ? string.Empty : "-").Append(part);
        }
    }

    private static int Number(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new FormatException($"image {key} '{value}' is not a whole number from {min} to {max}");
}

/// <summary>What a site knows of a source image without decoding it: its size, its format and
/// a hash of its bytes; or why it cannot be read.</summary>
internal sealed record ImageFacts(int Width, int Height, string Format, string Hash, string? Error = null);

/// <summary>A variant as it is published: the output's size and format, from the source's facts
/// and the spec.</summary>
internal readonly record struct ImagePlan(int Width, int Height, string Format)
{
    public string Extension => Format == "jpeg" ? "jpg" : Format;

    /// <summary>The output size for <paramref name="spec"/>: never larger than the source, except
    /// where <see cref="ImageFit.Stretch"/> asks for it.</summary>
    public static ImagePlan Of(ImageFacts source, ImageSpec spec)
    {
        string format = spec.Format ?? (source.Format is "jpeg" or "png" or "webp" ? source.Format : "png");
        (int w, int h) = spec.Fit switch
        {
            ImageFit.Stretch => (spec.Width!.Value, spec.Height!.Value),
            ImageFit.Cover or ImageFit.Pad => Shrunk(spec.Width!.Value, spec.Height!.Value, Math.Min(1.0, Math.Min((double)source.Width / spec.Width!.Value, (double)source.Height / spec.Height!.Value))),
            _ => Shrunk(source.Width, source.Height, Math.Min(1.0, Math.Min(
                spec.Width is { } sw ? (double)sw / source.Width : double.MaxValue,
                spec.Height is { } sh ? (double)sh / source.Height : double.MaxValue))),
        };
        return new ImagePlan(w, h, format);
    }

    private static (int, int) Shrunk(int width, int height, double scale) =>
        (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
}
