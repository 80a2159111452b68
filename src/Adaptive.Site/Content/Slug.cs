using System.Globalization;
using System.Text;

namespace Adaptive.Site;

/// <summary>URL-safe names for terms and titles: lower case, letters and digits kept (any
/// script), everything else collapsed to single dashes. <c>"C# &amp; .NET"</c> → <c>c-net</c>.</summary>
public static class Slug
{
    /// <summary>The slug of <paramref name="text"/> (<c>"-"</c> when nothing is left).</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        bool dash = false;
        foreach (char c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (dash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                dash = false;
            }
            else
            {
                dash = true;
            }
        }

        return slug.Length == 0 ? "-" : slug.ToString();
    }
}
