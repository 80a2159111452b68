using System.Globalization;
using System.Text.Json;

namespace Adaptive.Site;

/// <summary>
/// Reads a data file (<c>data/authors.yaml</c>, <c>data/links.json</c>) into the site's
/// free-form values: <see cref="ValueDictionary"/> for mappings and objects,
/// <see cref="ValueList{T}"/> of values for sequences and arrays, strings for scalars (a JSON
/// number or boolean keeps its text, as YAML scalars do), null. Errors name the file, line and
/// column.
/// </summary>
public static class DataFileParser
{
    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="file"/>; the
    /// format follows the extension (<c>.json</c>, else YAML).</summary>
    public static object? Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        return file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(file, text) : YamlDocument.ParseValue(file, text);
    }

    /// <summary>The name templates use for a data file: <c>data/site-links.yaml</c> →
    /// <c>site-links</c> (<c>{{site.data.[site-links]}}</c>).</summary>
    public static string NameOf(string file)
    {
        string name = file[(file.LastIndexOf('/') + 1)..];
        int dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static object? ParseJson(string file, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Value(document.RootElement);
        }
        catch (JsonException ex)
        {
            string message = ex.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            message = (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
            throw new SiteException(new SiteDiagnostic(file, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1,
                "invalid JSON: " + message));
        }
    }

    private static object? Value(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, object?>>();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    entries.Add(new(property.Name, Value(property.Value)));
                }

                return new ValueDictionary(entries);
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    items.Add(Value(item));
                }

                return new ValueList<object?>(items);
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetRawText();
            case JsonValueKind.True:
                return bool.TrueString.ToLower(CultureInfo.InvariantCulture);
            case JsonValueKind.False:
                return bool.FalseString.ToLower(CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
