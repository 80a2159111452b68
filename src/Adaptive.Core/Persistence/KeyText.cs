using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Adaptive.Core;

/// <summary>
/// How a memo table key appears in a stable key (<c>name[key]</c>): strings as they are,
/// integers in invariant digits, and tuples of those (the keys of <c>[Memo]</c> methods with
/// several parameters) as <c>(a, b)</c> with <c>\</c> and <c>,</c> escaped inside elements.
/// Other key types make a table non-persistent (its memos are still tracked and verified, and
/// recomputed in a new process).
/// </summary>
internal static class KeyText<TKey>
{
    private static readonly Type[]? s_elements = TupleElements(typeof(TKey));

    public static readonly bool IsSupported = IsScalar(typeof(TKey)) || s_elements is not null;

    public static string Format(TKey key)
    {
        if (s_elements is null)
        {
            return FormatScalar(key);
        }

        var tuple = (ITuple)key!;
        var text = new StringBuilder("(");
        for (int i = 0; i < tuple.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            foreach (char c in FormatScalar(tuple[i]))
            {
                if (c is '\\' or ',')
                {
                    text.Append('\\');
                }

                text.Append(c);
            }
        }

        return text.Append(')').ToString();
    }

    public static bool TryParse(string text, out TKey key)
    {
        object? parsed = s_elements is null ? ParseScalar(typeof(TKey), text) : ParseTuple(text);
        key = parsed is TKey typed ? typed : default!;
        return parsed is not null;
    }

    private static string FormatScalar(object? value) => value switch
    {
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(value?.GetType().Name),
    };

    private static object? ParseScalar(Type type, string text) =>
        type == typeof(string) ? text
        : type == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i
        : type == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l
        : null;

    private static object? ParseTuple(string text)
    {
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')')
        {
            return null;
        }

        var parts = new List<string>();
        var current = new StringBuilder();
        for (int i = 1; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length - 1)
            {
                current.Append(text[++i]);
            }
            else if (c == ',' && i + 1 < text.Length - 1 && text[i + 1] == ' ')
            {
                parts.Add(current.ToString());
                current.Clear();
                i++;
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        if (parts.Count != s_elements!.Length)
        {
            return null;
        }

        object?[] values = new object?[parts.Count];
        for (int i = 0; i < parts.Count; i++)
        {
            values[i] = ParseScalar(s_elements[i], parts[i]);
            if (values[i] is null)
            {
                return null;
            }
        }

        return Activator.CreateInstance(typeof(TKey), values);
    }

    private static bool IsScalar(Type type) => type == typeof(string) || type == typeof(int) || type == typeof(long);

    private static Type[]? TupleElements(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        Type definition = type.GetGenericTypeDefinition();
        if (definition != typeof(ValueTuple<,>) && definition != typeof(ValueTuple<,,>))
        {
            return null;
        }

        Type[] elements = type.GetGenericArguments();
        return Array.TrueForAll(elements, IsScalar) ? elements : null;
    }
}
