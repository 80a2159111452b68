// Processed images: a Markdown image with options (![A cat](cat.jpg?width=800&format=webp)) or
// the image helper in a shortcode template or a layout ({{image images params.src width=800}}) asks for a
// variant of one of the site's images (beside the page, or under static/). A variant is an output
// of its own, named by the source's name, the request and a hash of both (cat.w800-webp.1a2b3c4d.webp),
// claimed by the pages that use it and encoded once: its bytes depend on the source file and the
// request alone, so a page edit never encodes again and a source edit re-encodes exactly its variants.
using System.Text;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>A source image's size, format and hash, read from its header (no pixels decoded).</summary>
    internal static readonly SiteTable<string, ImageFacts> ImageInfo = new(
        "Site.ImageInfo", static (s, file) => ImageProcessor.Identify(s.Model.FileBytes(file)), SiteJson.Codec<ImageFacts>(),
        role: SiteValueRole.CrossReference); // a page's Markdown renders differently when the image changes

    /// <summary>The variants a page's Markdown uses (<c>file?spec</c>), which the site publishes;
    /// read only for pages whose <see cref="TextShape"/> may ask for one (the others have none).</summary>
    internal static readonly SiteTable<string, ValueList<string>> PageImages = new(
        "Site.PageImages", static (s, source) => s.ComputePageImages(source), SiteCodecs.List);

    private ValueList<string> ComputePageImages(string source) => RenderedOrNull(source)?.Images ?? ValueList<string>.Empty;

    /// <summary>The image <paramref name="src"/> (as written in <paramref name="page"/>) for
    /// <paramref name="spec"/>: the variant's URL and size, and a srcset with a twice-as-large
    /// variant when the source has the pixels for it; the variants used are added to <paramref name="used"/>.
    /// An image outside the site is left as written.</summary>
    /// <exception cref="FormatException">The image is not found or cannot be read.</exception>
    internal ProcessedImage ProcessImage(string page, string src, ImageSpec spec, ICollection<string> used)
    {
        if (ImageOptions.IsExternal(src))
        {
            return new ProcessedImage(src, spec.Width, spec.Height, null);
        }

        string file = ImageFile(page, src);
        ImageFacts facts = Get(ImageInfo, file);
        if (facts.Error is { } error)
        {
            throw new FormatException($"image '{src}' ({file}) is {error}");
        }

        if (spec is { Width: null, Height: null, Format: null, Quality: null } && !file.StartsWith("assets/", StringComparison.Ordinal))
        {
            return new ProcessedImage("/" + Published(file), facts.Width, facts.Height, null); // nothing to change: the file as published
        }

        ImagePlan plan = ImagePlan.Of(facts, spec);
        string url = VariantUrl(file, facts, spec);
        used.Add(file + "?" + spec.Text);
        ImageSpec twice = spec.Scaled(2);
        ImagePlan large = ImagePlan.Of(facts, twice);
        if (large.Width <= plan.Width || large.Width > facts.Width || large.Height > facts.Height)
        {
            return new ProcessedImage(url, plan.Width, plan.Height, null);
        }

        used.Add(file + "?" + twice.Text);
        return new ProcessedImage(url, plan.Width, plan.Height,
            $"{url} {plan.Width}w, {VariantUrl(file, facts, twice)} {large.Width}w", $"(max-width: {plan.Width}px) 100vw, {plan.Width}px");
    }

    /// <summary>The bytes of a variant (<c>file?spec</c>).</summary>
    private byte[] ImageBytes(string variant)
    {
        (string file, ImageSpec spec) = SplitVariant(variant);
        return ImageProcessor.Encode(Model.FileBytes(file), spec, ImagePlan.Of(Get(ImageInfo, file), spec));
    }

    /// <summary>Where a variant (<c>file?spec</c>) is published.</summary>
    private string VariantPath(string variant)
    {
        (string file, ImageSpec spec) = SplitVariant(variant);
        return VariantUrl(file, Get(ImageInfo, file), spec)[1..];
    }

    private static (string File, ImageSpec Spec) SplitVariant(string variant)
    {
        int mark = variant.LastIndexOf('?');
        return (variant[..mark], ImageSpec.FromText(variant[(mark + 1)..]));
    }

    private static string VariantUrl(string file, ImageFacts facts, ImageSpec spec)
    {
        string published = Published(file);
        int slash = published.LastIndexOf('/');
        int dot = published.LastIndexOf('.');
        string stem = dot > slash ? published[..dot] : published;
        string hash = Adaptive.Core.Fingerprint128.Of(Encoding.UTF8.GetBytes(facts.Hash + "|" + spec.Text)).ToString()[..8];
        return "/" + stem + "." + spec.Text + "." + hash + "." + ImagePlan.Of(facts, spec).Extension;
    }

    /// <summary>Where a site file is published: <c>static/x</c> at <c>x</c>, <c>content/blog/x</c> at <c>blog/x</c>.</summary>
    private static string Published(string file) => file[(file.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The site file an image path names: relative to the page (its folder under
    /// <c>content/</c>), or from the site's root (<c>/images/x.png</c>: <c>static/images/x.png</c>,
    /// <c>content/images/x.png</c> or <c>assets/images/x.png</c>, which is published only as
    /// variants, so asking for it without options publishes a copy).</summary>
    private string ImageFile(string page, string src)
    {
        string path = Uri.UnescapeDataString(src);
        string[] candidates = path.StartsWith('/')
            ? ["static" + path, "content" + path, "assets" + path]
            : [CrossReferences.SitePath(Permalinks.Parent(page), path)];
        foreach (string candidate in candidates)
        {
            if (Get(HasFile, candidate))
            {
                return candidate;
            }
        }

        throw new FormatException($"image '{src}' not found (looked for {string.Join(" and ", candidates)}): fix the path or add the file");
    }
}

/// <summary>An image as a page shows it: URL, size and, where there is a larger variant, a srcset
/// and its sizes.</summary>
internal sealed record ProcessedImage(string Url, int? Width, int? Height, string? Srcset, string? Sizes = null)
{
    /// <summary>As a template sees it: <c>url</c>, <c>width</c>, <c>height</c>, <c>srcset</c>, <c>sizes</c>.</summary>
    public Dictionary<string, object?> ToContext() => new(StringComparer.Ordinal)
    {
        ["url"] = Url,
        ["width"] = Width,
        ["height"] = Height,
        ["srcset"] = Srcset,
        ["sizes"] = Sizes,
    };
}

/// <summary>What the <c>image</c> template helper processes through: the site, bound to the page
/// being rendered and to the list of variants its Markdown uses.</summary>
internal sealed class PageImageResolver(SiteLogic logic, string page, ICollection<string> used)
{
    public Dictionary<string, object?> Process(string src, IEnumerable<KeyValuePair<string, string?>> options) =>
        logic.ProcessImage(page, src, ImageSpec.Parse(options), used).ToContext();
}
