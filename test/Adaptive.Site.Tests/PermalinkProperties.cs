using Adaptive.Testing;

namespace Adaptive.Site.Tests;

/// <summary>
/// Slugs and page URLs for arbitrary titles, file names and front matter. A slug is one URL
/// path segment of lower-case letters and digits joined by single dashes, and slugging it again
/// changes nothing. A page's URL is either a located error or a clean absolute path: it starts
/// with '/', holds no control character, no backslash or colon, no empty, "." or ".." segment;
/// it ends with '/' (a folder with an index.html) unless url: or a pattern names a file with an
/// extension; and a URL made from the source path stays in the page's folder, whatever its slug.
/// </summary>
public sealed class PermalinkProperties
{
    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(PermalinkArbitrary) })]
    public void A_slug_is_one_lower_case_segment_of_words_joined_by_single_dashes(string title)
    {
        string slug = Slug.Of(title);
        Assert.True(slug == "-" || IsWords(slug), $"slug '{slug}'");
        Assert.Equal(slug.ToLowerInvariant(), slug);
    }

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(PermalinkArbitrary) })]
    public void Slugging_a_slug_changes_nothing(string title)
    {
        string slug = Slug.Of(title);
        Assert.Equal(slug, Slug.Of(slug));
    }

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(PermalinkArbitrary) })]
    public void Spaces_and_punctuation_around_a_title_do_not_change_its_slug(string title) =>
        Assert.Equal(Slug.Of(title), Slug.Of("  \"" + title + "\"!? "));

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(PermalinkArbitrary) })]
    public void A_page_url_is_a_clean_absolute_path_or_an_error_at_the_page(PermalinkCase page)
    {
        // As the build claims an output: the URL, then its file (where a section index's URL,
        // which is its folder's, is checked).
        string url, file;
        try
        {
            url = Permalinks.For(page.Source, page.ToFrontMatter(), page.ToConfig());
            file = OutputPath.ForUrl(url, page.Source);
        }
        catch (SiteException error)
        {
            Assert.Equal(page.Source, error.Diagnostic.File);
            return;
        }

        Assert.StartsWith("/", url, StringComparison.Ordinal);
        Assert.False(url.Any(char.IsControl), $"'{url}' holds a control character");
        Assert.DoesNotContain('\\', url);
        Assert.DoesNotContain(':', url);
        string[] segments = url[1..].Split('/');
        Assert.All(segments[..^1], segment => Assert.False(segment is "" or "." or "..", $"'{url}' has a segment '{segment}'"));
        Assert.True(url.EndsWith('/') || segments[^1].Contains('.', StringComparison.Ordinal), $"'{url}' is neither a folder nor a file with an extension");
        if (page.Url is null && page.Pattern is null)
        {
            // Made from the source path: a folder URL inside the page's own folder.
            string folder = Permalinks.Split(page.Source).Folder;
            Assert.EndsWith("/", url, StringComparison.Ordinal);
            Assert.StartsWith(folder.Length == 0 ? "/" : "/" + folder + "/", url, StringComparison.Ordinal);
        }

        Assert.Equal(url, OutputPath.NormalizeUrl(url, page.Source)); // already normal
        Assert.Equal(url.EndsWith('/') ? url[1..] + "index.html" : url[1..], file);
    }

    private static bool IsWords(string slug) =>
        slug.Split('-').All(word => word.Length > 0 && word.All(char.IsLetterOrDigit));
}
