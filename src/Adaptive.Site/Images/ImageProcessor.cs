// Reading and writing images with SixLabors.ImageSharp: the facts of a source from its header
// alone, and a variant's bytes (oriented by its EXIF tag, resized, metadata stripped, encoded).
// Invariant: the same source bytes and plan give the same output bytes.
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Adaptive.Site;

internal static class ImageProcessor
{
    /// <summary>The quality of a JPEG or WebP variant that does not set one.</summary>
    public const int DefaultQuality = 80;

    /// <summary>Reads a source's size and format from its header, without decoding its pixels.</summary>
    public static ImageFacts Identify(byte[] bytes)
    {
        string hash = Adaptive.Core.Fingerprint128.Of(bytes).ToString();
        try
        {
            IImageInfo? info = Image.Identify(bytes, out IImageFormat? format);
            if (info is null || format is null)
            {
                return new ImageFacts(0, 0, string.Empty, hash, "not an image this site can read (JPEG, PNG, GIF, BMP, TGA or WebP)");
            }

            // An EXIF orientation of 5–8 turns the picture a quarter: its shown size is swapped.
            bool turned = info.Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation)?.Value is >= 5 and <= 8;
            string name = format.Name.ToLowerInvariant();
            return new ImageFacts(turned ? info.Height : info.Width, turned ? info.Width : info.Height, name, hash);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ArgumentException)
        {
            return new ImageFacts(0, 0, string.Empty, hash, "not an image this site can read (" + ex.Message.TrimEnd('.') + ")");
        }
    }

    /// <summary>Encodes the variant of <paramref name="source"/> for <paramref name="spec"/>.</summary>
    public static byte[] Encode(byte[] source, ImageSpec spec, ImagePlan plan)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(source);
        image.Mutate(x =>
        {
            x.AutoOrient();
            if (image.Width != plan.Width || image.Height != plan.Height || spec.Fit == ImageFit.Pad)
            {
                x.Resize(new ResizeOptions
                {
                    Size = new Size(plan.Width, plan.Height),
                    Mode = spec.Fit switch
                    {
                        ImageFit.Cover => ResizeMode.Crop,
                        ImageFit.Stretch => ResizeMode.Stretch,
                        ImageFit.Pad => ResizeMode.Pad,
                        _ => ResizeMode.Max,
                    },
                });
            }
        });
        image.Metadata.ExifProfile = null; // no camera, place or time in what is published
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IccProfile = null;

        using var output = new MemoryStream();
        int quality = spec.Quality ?? DefaultQuality;
        IImageEncoder encoder = plan.Format switch
        {
            "jpeg" => new JpegEncoder { Quality = quality },
            // Level 2 of 0–6: measured on a 1200×675 picture, 0.23 s and 4 % larger than the
            // default level 4 (0.54 s); level 0 is 0.13 s but 18 % larger.
            "webp" => new WebpEncoder { Quality = quality, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level2 },
            _ => new PngEncoder { CompressionLevel = PngCompressionLevel.BestCompression },
        };
        image.Save(output, encoder);
        return output.ToArray();
    }
}
