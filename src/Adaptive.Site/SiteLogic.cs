namespace Adaptive.Site;

/// <summary>
/// What a site's values are, as plain computations over an <see cref="ISiteModel"/>: the one
/// implementation both build strategies share (docs/design/phased-vs-adaptive.md). Each value
/// is declared once, as a static <see cref="SiteValue"/> next to its computation in the file of
/// its concept (<c>Content/</c>, <c>Markdown/</c>, <c>Templates/</c>, <c>Output/</c>,
/// <c>Feeds/</c>, <c>Taxonomies/</c>, <c>Navigation/</c>, <c>Links/</c>, <c>Data/</c>); the
/// adaptive <see cref="Site"/> binds it to a memo, the phased model to a per-build table.
/// </summary>
/// <remarks>
/// Computations read other values only through <see cref="Get{T}(SiteValue{T})"/> and files only
/// through <see cref="Model"/>, so the adaptive site records every read as a dependency.
/// </remarks>
internal sealed partial class SiteLogic(ISiteModel model)
{
    // Explicit, so every value's descriptor exists before the first site or model does (the
    // trace finds stored memos by their names; SiteValue.Count sizes each site's slots).
    static SiteLogic()
    {
    }

    /// <summary>The model the computations read.</summary>
    internal ISiteModel Model => model;

    /// <summary>Runs the static initializer (every value declared), if it has not run.</summary>
    internal static void EnsureDeclared()
    {
    }

    /// <summary>A value the site has once, read through the model.</summary>
    internal T Get<T>(SiteValue<T> value) => model.Get(value);

    /// <summary>A value the site has for <paramref name="key"/>, read through the model.</summary>
    internal T Get<TKey, T>(SiteTable<TKey, T> table, TKey key)
        where TKey : notnull => model.Get(table, key);
}
