namespace Adaptive.Core;

/// <summary>
/// A memo reference wrapped in a struct, for stacks on hot paths: storing into a
/// <c>MemoSlot[]</c> needs no covariance check, unlike storing into a <c>Memo[]</c>. On the
/// claim stack, <see cref="Cursor"/> is how far the memo's dependencies have been verified.
/// </summary>
internal struct MemoSlot
{
    public Memo? Memo;
    public int Cursor;
}
