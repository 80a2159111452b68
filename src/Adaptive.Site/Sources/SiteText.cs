using System.Text;

namespace Adaptive.Site;

/// <summary>Site files as text: strict UTF-8, a byte order mark dropped, invalid bytes a
/// diagnostic naming the file and line.</summary>
internal static class SiteText
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(string relative, byte[] bytes)
    {
        try
        {
            int nul = bytes.AsSpan().IndexOf((byte)0);
            if (nul >= 0)
            {
                int at = 1 + bytes.AsSpan(0, nul).Count((byte)'\n');
                throw new SiteException(new SiteDiagnostic(relative, at, 0,
                    "the file contains NUL bytes, so it is binary, not text: binary files belong in static/ (or beside a page, without the .md extension)"));
            }

            return s_strictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            int line = 1 + bytes.AsSpan(0, Math.Max(0, ex.Index)).Count((byte)'\n');
            throw new SiteException(new SiteDiagnostic(relative, line, 0,
                "the file is not valid UTF-8 text: save it as UTF-8 (binary files belong in static/)"));
        }
    }

    /// <summary>The diagnostic for a site file that exists but cannot be read.</summary>
    public static SiteException Unreadable(string relative, Exception error) =>
        new(new SiteDiagnostic(relative, 0, 0, "could not read the file (" + error.Message + "): check its permissions"));

    /// <summary>A site file's bytes (empty when it is gone), for the phased build.</summary>
    public static byte[] ReadFile(string root, string relative)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(root, relative));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(relative, ex);
        }
    }
}
