using System.ComponentModel;

namespace Adaptive.Core.Plumbing;

/// <summary>
/// Generated-code support: the description of one <c>[Memo]</c> method with parameters, which
/// creates each instance's memo table (one memo per argument tuple) on first use.
/// </summary>
/// <typeparam name="TOwner">The type declaring the member.</typeparam>
/// <typeparam name="TKey">The parameter type, or a tuple of the parameter types.</typeparam>
/// <typeparam name="T">The return type.</typeparam>
/// <param name="name">The member's name, <c>Type.Member</c>.</param>
/// <param name="codeFingerprint">A hash of the computation's code.</param>
/// <param name="compute">Calls the owner's <c>Compute</c> method with the arguments.</param>
/// <param name="ensure">Creates an instance's memo table if it does not exist (instance members),
/// so the trace can find its entries by name before it is first used.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KeyedMemoMember<TOwner, TKey, T>(string name, ulong codeFingerprint, Func<TOwner, TKey, T> compute, Action<TOwner>? ensure = null)
    where TOwner : class
    where TKey : notnull
{
    private readonly bool _registered = ensure is not null && MemberRegistry.Register(ensure);

    /// <summary>The member's name, <c>Type.Member</c>.</summary>
    public string Name { get; } = name;

    /// <summary>A hash of the computation's code.</summary>
    public ulong CodeFingerprint { get; } = CodeRegistry.Add(codeFingerprint);

    /// <summary>Creates the memo table of <paramref name="owner"/> and publishes it in
    /// <paramref name="slot"/> (once, even when several threads race); returns the published one.</summary>
    public MemoTable<TKey, T> Create(ref MemoTable<TKey, T>? slot, TOwner owner, AdaptiveRuntime runtime, IEqualityComparer<T>? comparer = null, IValueCodec<T>? codec = null, bool eager = false)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var table = new MemoTable<TKey, T>(
            runtime, key => compute(owner, key), MemberNames.For(owner, Name), comparer, keyComparer: null, CodeFingerprint,
            codec, persistent: MemberNames.IsStable(owner), eager);
        MemoTable<TKey, T> published = Interlocked.CompareExchange(ref slot, table, null) ?? table;
        if (published != table)
        {
            runtime.RegisterPersistentTableOf(published); // the winner, by whichever thread gets here first
        }
        else
        {
            // Registered once published: a table that lost the race must not be the one the
            // trace asks for its entries.
            runtime.RegisterTable(table);
            if (_registered && MemberNames.IsStable(owner))
            {
                runtime.RegisterOwner(owner, table.Name);
            }
        }

        return published;
    }
}
