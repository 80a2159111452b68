using Adaptive.Testing;

namespace Adaptive.Site.Tests;

/// <summary>
/// Front-matter diagnostics point at the file, not at the YAML: one error placed after any
/// number of valid entries of any shape (blank and comment lines, block scalars and
/// collections, brackets in quotes and comments) is reported at its exact line and column of the
/// page, with a byte-order mark or CRLF line breaks alike; without it the page parses and its
/// body starts on the line after the closing <c>---</c>.
/// </summary>
public sealed class FrontMatterProperties
{
    private static readonly string[] s_taxonomies = ["tags", "categories"];

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(FrontMatterArbitrary) })]
    public void An_error_is_reported_at_its_line_and_column_of_the_page(FrontMatterCase page)
    {
        SiteException error = Assert.Throws<SiteException>(() => FrontMatterParser.Parse("content/a.md", page.ToText(), s_taxonomies));
        Assert.Equal(("content/a.md", page.ErrorPosition()), (error.Diagnostic.File, (error.Diagnostic.Line, error.Diagnostic.Column)));
        Assert.Contains(page.Message, error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [AdaptProperty(PropertyCases.Text, Arbitrary = new[] { typeof(FrontMatterArbitrary) })]
    public void Without_the_error_the_page_parses_and_its_body_starts_after_the_closing_line(FrontMatterCase page)
    {
        FrontMatterParser.Result result = FrontMatterParser.Parse("content/a.md", page.ToValidText(), s_taxonomies);
        Assert.Equal(page.ValidBodyLine(), result.BodyLine);
        Assert.Equal(FrontMatterCase.Body, result.Body);
    }
}
