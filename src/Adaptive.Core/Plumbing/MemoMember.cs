using System.ComponentModel;

namespace Adaptive.Core.Plumbing;

/// <summary>
/// Generated-code support: the description of one <c>[Memo]</c> property, shared by all
/// instances (one static per member), which creates each instance's memo on first use.
/// </summary>
/// <typeparam name="TOwner">The type declaring the member.</typeparam>
/// <typeparam name="T">The member's type.</typeparam>
/// <param name="name">The member's name, <c>Type.Member</c>.</param>
/// <param name="codeFingerprint">A hash of the computation's code (see docs/design/memo-attribute.md).</param>
/// <param name="compute">Calls the owner's <c>Compute</c> method.</param>
/// <param name="ensure">Creates an instance's memo if it does not exist (instance members), so
/// the trace can find it by name before it is first used.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MemoMember<TOwner, T>(string name, ulong codeFingerprint, Func<TOwner, T> compute, Action<TOwner>? ensure = null)
    where TOwner : class
{
    private readonly bool _registered = ensure is not null && MemberRegistry.Register(ensure);

    /// <summary>The member's name, <c>Type.Member</c>.</summary>
    public string Name { get; } = name;

    /// <summary>A hash of the computation's code.</summary>
    public ulong CodeFingerprint { get; } = CodeRegistry.Add(codeFingerprint);

    /// <summary>Creates the memo of <paramref name="owner"/> and publishes it in
    /// <paramref name="slot"/> (once, even when several threads race); returns the published one.</summary>
    public Memo<T> Create(ref Memo<T>? slot, TOwner owner, AdaptiveRuntime runtime, IEqualityComparer<T>? comparer = null, IValueCodec<T>? codec = null, bool eager = false)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        string name = MemberNames.For(owner, Name);
        var memo = new MemberMemo<TOwner, T>(runtime, name, owner, compute, CodeFingerprint, comparer);
        if (eager)
        {
            memo.MakeEager();
        }
        // Persistent before it is published: another thread may read it as soon as it is.
        bool stable = MemberNames.IsStable(owner);
        memo._persist = stable ? runtime.Persistence(name, codec ?? Codec.Default<T>()) : null;
        Memo<T> published = Interlocked.CompareExchange(ref slot, memo, null) ?? memo;
        if (published._persist is not null)
        {
            runtime.Register(published); // the winner, by whichever thread gets here first
        }

        if (published == memo && stable && _registered)
        {
            runtime.RegisterOwner(owner, name);
        }

        return published;
    }
}
