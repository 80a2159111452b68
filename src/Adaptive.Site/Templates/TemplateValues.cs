using System.Collections;

namespace Adaptive.Site;

/// <summary>Converts site values to what Handlebars.Net reads: dictionaries and lists.</summary>
internal static class TemplateValues
{
    public static object? From(object? value) => value switch
    {
        ValueDictionary dictionary => dictionary.ToDictionary(e => e.Key, e => From(e.Value), StringComparer.Ordinal),
        string text => text,
        IEnumerable items => items.Cast<object?>().Select(From).ToList(),
        _ => value,
    };
}
