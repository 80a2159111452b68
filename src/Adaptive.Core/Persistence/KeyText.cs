using System.Globalization;

namespace Adaptive.Core;

/// <summary>
/// How a memo table key appears in a stable key (<c>name[key]</c>): strings as they are,
/// integers in invariant digits. Other key types make a table non-persistent (its memos are still
/// tracked and verified, and recomputed in a new process).
/// </summary>
internal static class KeyText<TKey>
{
    public static readonly bool IsSupported = typeof(TKey) == typeof(string) || typeof(TKey) == typeof(int) || typeof(TKey) == typeof(long);

    public static string Format(TKey key) => key switch
    {
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(typeof(TKey).Name),
    };

    public static bool TryParse(string text, out TKey key)
    {
        object? parsed = typeof(TKey) == typeof(string) ? text
            : typeof(TKey) == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i
            : typeof(TKey) == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l
            : null;
        key = parsed is TKey typed ? typed : default!;
        return parsed is not null;
    }
}
