namespace Adaptive.Site;

/// <summary>
/// What a site's computations (<see cref="SiteLogic"/>) read: its inputs (the files, the build
/// options) and its values, each declared once as a <see cref="SiteValue"/>. The adaptive
/// <see cref="Site"/> answers a value from its memo, so reading records a dependency; the phased
/// model answers from what its phases computed.
/// </summary>
internal interface ISiteModel
{
    public SiteFiles Files { get; }

    /// <summary>The build options, without the time (<see cref="Now"/>).</summary>
    public BuildOptions Options { get; }

    /// <summary>The time future dates are compared with (<see cref="BuildOptions.Now"/>).</summary>
    public DateTimeOffset? Now { get; }

    /// <summary>A value the site has once.</summary>
    public T Get<T>(SiteValue<T> value);

    /// <summary>A value the site has for <paramref name="key"/>.</summary>
    public T Get<TKey, T>(SiteTable<TKey, T> table, TKey key)
        where TKey : notnull;

    /// <summary>A site file's text (strict UTF-8).</summary>
    public string Text(string file);

    /// <summary>True when the site file exists.</summary>
    public bool FileExists(string file);

    /// <summary>A site file's bytes.</summary>
    public byte[] FileBytes(string file);
}
