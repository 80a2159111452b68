// The pages the site properties write: front matter in YAML, TOML or JSON, tags, drafts,
// cross-references, highlighted code, shortcodes and processed images, all chosen by a page's seed and version.
using System.Globalization;
using System.Text;

namespace Adaptive.Site.Tests;

public sealed partial class SiteProperties
{
    /// <summary>A page whose front matter is YAML, TOML or JSON by its seed and version (so a
    /// rewrite may also change the format, which must not change its front matter).</summary>
    private static string Page(int i, ReadOnlySpan<int> seed, int version, string crossReference = "../p0.md", string? slug = null, bool? draft = null)
    {
        var fields = new List<(string Key, string Yaml, string Json)>
        {
            ("title", $"Page {i}{(seed[1] % 3 == 0 ? " v" + version : string.Empty)}", string.Empty),
            ("date", $"2024-{1 + (seed[2] % 12):D2}-{1 + (seed[2] % 28):D2}", string.Empty),
        };
        if (slug is not null)
        {
            fields.Add(("slug", slug, string.Empty));
        }

        fields.Add(("weight", (seed[3] % 3).ToString(CultureInfo.InvariantCulture), "number"));
        int tagBits = seed[4];
        string[] tags = [.. s_tags.Where((_, t) => (tagBits >> t & 1) == 1)];
        fields.Add(("tags", "[" + string.Join(", ", tags) + "]", "[" + string.Join(", ", tags.Select(t => "\"" + t + "\"")) + "]"));
        if (draft ?? seed[1] % 7 == 0)
        {
            fields.Add(("draft", "true", "number"));
        }

        var text = new StringBuilder();
        switch ((seed[0] + version) % 3)
        {
            case 0:
                text.Append("---\n");
                foreach ((string key, string yaml, _) in fields)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{key}: {yaml}\n");
                }

                text.Append("---\n");
                break;
            case 1:
                text.Append("+++\n");
                foreach ((string key, string yaml, string json) in fields)
                {
                    // TOML: a date and numbers as they are, strings quoted, arrays as in JSON.
                    string value = key == "date" || json == "number" ? yaml : json.Length > 0 ? json : "\"" + yaml + "\"";
                    text.Append(CultureInfo.InvariantCulture, $"{key} = {value}\n");
                }

                text.Append("+++\n");
                break;
            default:
                text.Append("{\n");
                for (int f = 0; f < fields.Count; f++)
                {
                    (string key, string yaml, string json) = fields[f];
                    string value = json == "number" ? yaml : json.Length > 0 ? json : "\"" + yaml + "\"";
                    text.Append(CultureInfo.InvariantCulture, $"  \"{key}\": {value}{(f + 1 < fields.Count ? "," : string.Empty)}\n");
                }

                text.Append("}\n");
                break;
        }

        text.Append(CultureInfo.InvariantCulture, $"Body of page {i}, version {version}.\n\nSecond paragraph.\n");
        if (seed[2] % 3 == 0)
        {
            // Highlighted code: the same block on several pages, changed by some rewrites.
            text.Append(CultureInfo.InvariantCulture, $"\n```go\nfunc answer() int {{ return {version % 2} }} // page {seed[2] % 2}\n```\n");
        }

        if (seed[3] % 4 == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSee [the first]({crossReference}) and [home](/).\n");
        }

        if (seed[2] % 4 == 1)
        {
            // A processed image: its size and format change with some rewrites.
            text.Append(CultureInfo.InvariantCulture, $"\n![Picture](/img/p.png?width={10 + (version % 3 * 5)}&format={(seed[3] % 2 == 0 ? "webp" : "png")})\n");
        }

        if (seed[1] % 3 == 1)
        {
            // Shortcodes: a built-in pair (which the site may override) holding a site one.
            text.Append(CultureInfo.InvariantCulture, $"\n{{{{< note >}}}}\nA note, press {{{{< kbd \"K{version % 2}\" >}}}}.\n{{{{< /note >}}}}\n");
        }

        return text.ToString();
    }

    /// <summary>The picture some pages show resized (in the site as bytes, beside the text files).</summary>
    private const string ImagePath = "static/img/p.png";

    private static SiteFixture NewSite(Dictionary<string, string> files)
    {
        var site = new SiteFixture([.. files.Select(f => (f.Key, f.Value))]);
        site.WriteBytes(ImagePath, ImageTests.Picture(40, 30, 0, "png"), refresh: false);
        return site;
    }

    /// <summary>Rewrites the site's kbd shortcode, or adds or deletes its override of the
    /// built-in note: exactly the pages using it render differently.</summary>
    private static string ShortcodeTemplateEdit(SiteFixture site, Dictionary<string, string> files, int seed, int version)
    {
        const string Note = "layouts/shortcodes/note.hbs";
        if (seed % 3 == 1)
        {
            Write(site, files, "layouts/shortcodes/kbd.hbs", $"<kbd class=\"v{version}\">{{{{lookup args 0}}}}</kbd>");
            return "kbd shortcode template";
        }

        if (files.Remove(Note))
        {
            File.Delete(Path.Combine(site.Root, Note));
            return "deleted the note shortcode override";
        }

        Write(site, files, Note, $"<div class=\"note v{version}\">{{{{{{inner}}}}}}</div>");
        return "added a note shortcode override";
    }
}
