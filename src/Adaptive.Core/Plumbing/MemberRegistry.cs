using System.Collections.Concurrent;

namespace Adaptive.Core.Plumbing;

/// <summary>
/// The <c>[Memo]</c> members of each type, as actions that create an instance's memo (or memo
/// table) if it does not exist yet. Generated members register when their type initializes; the
/// trace uses them to find a sibling memo a stored result depends on before anything created it
/// (a page's <c>Meta</c> verified in a new process before any <c>Parsed</c> was demanded).
/// </summary>
internal static class MemberRegistry
{
    private static readonly ConcurrentDictionary<Type, Action<object>[]> s_members = new();

    public static bool Register<TOwner>(Action<TOwner> ensure)
        where TOwner : class
    {
        Action<object> untyped = owner => ensure((TOwner)owner);
        s_members.AddOrUpdate(typeof(TOwner), _ => [untyped], (_, existing) => [.. existing, untyped]);
        return true;
    }

    /// <summary>Creates every member memo of <paramref name="owner"/> (its type and base types).</summary>
    public static void EnsureAll(object owner)
    {
        for (Type? type = owner.GetType(); type is not null; type = type.BaseType)
        {
            if (s_members.TryGetValue(type, out Action<object>[]? members))
            {
                foreach (Action<object> ensure in members)
                {
                    ensure(owner);
                }
            }
        }
    }
}
