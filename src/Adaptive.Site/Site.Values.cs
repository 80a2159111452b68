// The site's values bound to memos: each SiteValue declared in SiteLogic becomes one memo (or
// memo table) of this site, created on first read, named as the trace knows it.
using System.Runtime.CompilerServices;
using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site : ISiteModel
{
    // One slot per declared value: a Memo<T>, or a MemoTable<TKey, T> for a keyed value.
    private readonly object?[] _memos = new object?[SiteValue.Count];

    internal SiteLogic Logic => _logic;

    SiteFiles ISiteModel.Files => Files;

    BuildOptions ISiteModel.Options => _options.Value;

    DateTimeOffset? ISiteModel.Now => _clock.Value;

    string ISiteModel.Text(string file) => Text(file);

    bool ISiteModel.FileExists(string file) => Input(file).Exists;

    byte[] ISiteModel.FileBytes(string file) => Bytes(file);

    /// <summary>A value the site has once, read through its memo (a tracked dependency).</summary>
    internal T Get<T>(SiteValue<T> value) => MemoOf(value).Value;

    /// <summary>A value the site has for <paramref name="key"/>, read through its memo; a page's
    /// HTML (<see cref="SiteValueRole.Inline"/>) is computed in its reader instead.</summary>
    internal T Get<TKey, T>(SiteTable<TKey, T> table, TKey key)
        where TKey : notnull =>
        (table.Role & SiteValueRole.Inline) != 0 ? table.Compute(_logic, key) : TableOf(table)[key];

    T ISiteModel.Get<T>(SiteValue<T> value) => Get(value);

    T ISiteModel.Get<TKey, T>(SiteTable<TKey, T> table, TKey key) => Get(table, key);

    /// <summary>The memo of a value the site has once (for observers and tests).</summary>
    internal Memo<T> MemoOf<T>(SiteValue<T> value) =>
        Unsafe.As<Memo<T>?>(Volatile.Read(ref _memos[value.Id])) ?? value.Member.Create(ref Unsafe.As<object?, Memo<T>?>(ref _memos[value.Id]), this, Runtime, value.Comparer, value.Codec, value.Eager);

    /// <summary>The memo table of a keyed value (for observers and tests).</summary>
    internal MemoTable<TKey, T> TableOf<TKey, T>(SiteTable<TKey, T> table)
        where TKey : notnull =>
        Unsafe.As<MemoTable<TKey, T>?>(Volatile.Read(ref _memos[table.Id])) ?? table.Member.Create(ref Unsafe.As<object?, MemoTable<TKey, T>?>(ref _memos[table.Id]), this, Runtime, table.Comparer, table.Codec, table.Eager);

    /// <summary>A code fingerprint for a value's memo: its name and this assembly's build, so a
    /// trace written by other site code is not trusted (as the phased cache's engine check).</summary>
    internal static ulong CodeOf(string name)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a
        foreach (char c in name + "@" + typeof(Site).Assembly.ManifestModule.ModuleVersionId.ToString("N"))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
