using System.Globalization;
using System.Net;
using System.Text;

namespace Adaptive.Bench;

/// <summary>Small, dependency-free SVG charts: grouped bars on a log scale, and log–log lines.</summary>
internal static class SvgChart
{
    private static readonly string[] s_colors = ["#2f6feb", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#57606a"];

    /// <summary>One group per edit, one bar per strategy.</summary>
    public static string Bars(string title, IReadOnlyList<BenchCell> cells, Func<BenchCell, double> value, string unit)
    {
        string[] edits = [.. cells.Select(c => c.Edit).Distinct()];
        string[] strategies = [.. cells.Select(c => c.Strategy).Distinct()];
        const int left = 70, top = 40, bar = 12, gap = 14, height = 300;
        int groupWidth = strategies.Length * bar + gap;
        int width = left + edits.Length * groupWidth + 20;
        double max = Math.Max(10, cells.Select(value).Where(v => v > 0).DefaultIfEmpty(10).Max());
        double min = Math.Max(0.1, cells.Select(value).Where(v => v > 0).DefaultIfEmpty(1).Min() / 2);
        double Y(double v) => top + height - (Math.Log10(Math.Max(v, min)) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min)) * height;

        var svg = Header(width, top + height + 110 + strategies.Length * 16, title);
        Axis(svg, left, top, height, min, max, unit, Y, width);
        for (int e = 0; e < edits.Length; e++)
        {
            int x0 = left + e * groupWidth + gap / 2;
            for (int s = 0; s < strategies.Length; s++)
            {
                BenchCell? cell = cells.FirstOrDefault(c => c.Edit == edits[e] && c.Strategy == strategies[s]);
                if (cell is null || value(cell) <= 0)
                {
                    continue;
                }

                double y = Y(value(cell));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0 + s * bar}\" y=\"{y:F1}\" width=\"{bar - 2}\" height=\"{top + height - y:F1}\" fill=\"{(cell.Correct ? s_colors[s % s_colors.Length] : "#ff0000")}\"><title>{Escape(cell.Strategy)} · {Escape(cell.Edit)}: {value(cell):F1} {unit}</title></rect>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + strategies.Length * bar / 2}\" y=\"{top + height + 12}\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-40 {x0 + strategies.Length * bar / 2} {top + height + 12})\">{Escape(edits[e])}</text>\n");
        }

        Legend(svg, strategies, left, top + height + 95);
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>One line per (strategy, edit) against the number of pages, log–log.</summary>
    public static string Scaling(string title, IReadOnlyList<BenchCell> cells)
    {
        string[] series = [.. cells.Select(c => c.Strategy + " · " + c.Edit).Distinct()];
        int[] sizes = [.. cells.Select(c => c.Pages).Distinct().Order()];
        const int left = 70, top = 40, height = 300, width = 620;
        double max = Math.Max(10, cells.Max(c => c.Median));
        double min = Math.Max(0.1, cells.Where(c => c.Median > 0).Select(c => c.Median).DefaultIfEmpty(1).Min() / 2);
        double Y(double v) => top + height - (Math.Log10(Math.Max(v, min)) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min)) * height;
        double lo = Math.Log10(sizes[0]), hi = Math.Log10(Math.Max(sizes[^1], sizes[0] * 10));
        double X(int pages) => left + 20 + (Math.Log10(pages) - lo) / (hi - lo) * (width - left - 60);

        var svg = Header(width, top + height + 60 + series.Length * 16, title);
        Axis(svg, left, top, height, min, max, "ms", Y, width);
        foreach (int size in sizes)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(size):F1}\" y=\"{top + height + 16}\" font-size=\"10\" text-anchor=\"middle\">{size:N0}</text>\n");
        }

        for (int s = 0; s < series.Length; s++)
        {
            var points = cells.Where(c => c.Strategy + " · " + c.Edit == series[s]).OrderBy(c => c.Pages)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{X(c.Pages):F1},{Y(c.Median):F1}")).ToList();
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s_colors[s % s_colors.Length]}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>\n");
            foreach (string point in points)
            {
                string[] xy = point.Split(',');
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{s_colors[s % s_colors.Length]}\"/>\n");
            }
        }

        Legend(svg, series, left, top + height + 36);
        return svg.Append("</svg>\n").ToString();
    }

    private static StringBuilder Header(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"system-ui, sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n<text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"600\">{Escape(title)}</text>\n");
        return svg;
    }

    private static void Axis(StringBuilder svg, int left, int top, int height, double min, double max, string unit, Func<double, double> y, int width)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + height}\" stroke=\"#57606a\"/>\n");
        for (double tick = Math.Pow(10, Math.Ceiling(Math.Log10(min))); tick <= max * 1.0001; tick *= 10)
        {
            double ty = y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{ty:F1}\" x2=\"{width - 10}\" y2=\"{ty:F1}\" stroke=\"#d0d7de\" stroke-dasharray=\"2,3\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{ty + 3:F1}\" font-size=\"10\" text-anchor=\"end\">{tick:G} {Escape(unit)}</text>\n");
        }
    }

    private static void Legend(StringBuilder svg, string[] names, int left, int top)
    {
        for (int i = 0; i < names.Length; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top + i * 16 - 9}\" width=\"10\" height=\"10\" fill=\"{s_colors[i % s_colors.Length]}\"/><text x=\"{left + 16}\" y=\"{top + i * 16}\" font-size=\"11\">{Escape(names[i])}</text>\n");
        }
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
