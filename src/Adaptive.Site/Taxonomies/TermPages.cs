namespace Adaptive.Site;

/// <summary>A term of a taxonomy and its pages.</summary>
/// <param name="Name">The term as first written (in list order).</param>
/// <param name="Slug">The term's URL segment; terms that differ only in case or punctuation share it.</param>
/// <param name="Pages">Its pages, in list order.</param>
public sealed record TermPages(string Name, string Slug, ValueList<string> Pages);
