using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Adaptive.Cli.Scaffold;

/// <summary>The picture the blog starter shows (a warm gradient, drawn rather than shipped as a
/// file): large enough that the figure's resized variants and their srcset have pixels to use.
/// Always the same bytes.</summary>
internal static class StarterImage
{
    public const int Width = 960;
    public const int Height = 540;

    public static byte[] Bytes()
    {
        using var image = new Image<Rgb24>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    double sky = (double)y / Height;
                    double sun = Math.Max(0, 1 - Math.Sqrt(Math.Pow(x - (Width * 0.7), 2) + Math.Pow(y - (Height * 0.62), 2)) / 160);
                    row[x] = new Rgb24(
                        (byte)Math.Min(255, 70 + (185 * sky) + (120 * sun)),
                        (byte)Math.Min(255, 60 + (90 * sky) + (150 * sun)),
                        (byte)Math.Min(255, 140 - (90 * sky) + (40 * sun)));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 85 });
        return output.ToArray();
    }
}
