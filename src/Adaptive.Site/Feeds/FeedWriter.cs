using System.Globalization;
using System.Text;
using System.Xml;

namespace Adaptive.Site;

/// <summary>An item of a feed or sitemap.</summary>
/// <param name="Title">Title.</param>
/// <param name="Url">Absolute URL.</param>
/// <param name="Date">Publication date, if any.</param>
/// <param name="Description">Summary as HTML.</param>
public sealed record FeedItem(string Title, string Url, DateTimeOffset? Date, string Description);

/// <summary>RSS 2.0 feeds and sitemaps, written deterministically (no build time: a feed's date
/// is its newest item's).</summary>
public static class FeedWriter
{
    /// <summary>An RSS 2.0 document.</summary>
    public static byte[] Rss(string title, string link, string description, string language, IReadOnlyList<FeedItem> items) =>
        Write(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", title);
            xml.WriteElementString("link", link);
            xml.WriteElementString("description", description);
            xml.WriteElementString("language", language);
            if (items.Where(i => i.Date is not null).Select(i => i.Date!.Value).DefaultIfEmpty().Max() is { } newest && newest != default)
            {
                xml.WriteElementString("lastBuildDate", newest.ToString("r", CultureInfo.InvariantCulture));
            }

            foreach (FeedItem item in items)
            {
                xml.WriteStartElement("item");
                xml.WriteElementString("title", item.Title);
                xml.WriteElementString("link", item.Url);
                xml.WriteElementString("guid", item.Url);
                if (item.Date is { } date)
                {
                    xml.WriteElementString("pubDate", date.ToString("r", CultureInfo.InvariantCulture));
                }

                xml.WriteElementString("description", item.Description);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });

    /// <summary>A sitemap (sitemaps.org 0.9).</summary>
    public static byte[] Sitemap(IReadOnlyList<FeedItem> urls) =>
        Write(xml =>
        {
            xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (FeedItem url in urls)
            {
                xml.WriteStartElement("url");
                xml.WriteElementString("loc", url.Url);
                if (url.Date is { } date)
                {
                    xml.WriteElementString("lastmod", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
