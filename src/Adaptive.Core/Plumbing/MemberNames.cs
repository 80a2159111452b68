namespace Adaptive.Core.Plumbing;

/// <summary>Names of generated memos: <c>Type.Member</c>, or <c>Type[key].Member</c> for an
/// <see cref="AdaptiveObject"/> with a key.</summary>
internal static class MemberNames
{
    public static string For(object owner, string member)
    {
        if (owner is AdaptiveObject { Key: { } key })
        {
            int dot = member.LastIndexOf('.');
            return dot < 0 ? member + "[" + key + "]" : member[..dot] + "[" + key + "]" + member[dot..];
        }

        return member;
    }

    /// <summary>True when memos of <paramref name="owner"/> have a stable identity across
    /// processes (a keyed <see cref="AdaptiveObject"/>, or a static member, whose owner is its
    /// type) and may be persisted under their names.</summary>
    public static bool IsStable(object owner) => owner is AdaptiveObject { Key: not null } or Type;
}
