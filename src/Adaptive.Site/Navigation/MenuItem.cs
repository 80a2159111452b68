namespace Adaptive.Site;

/// <summary>An entry of a menu, from adapt.yaml or a page's front matter.</summary>
/// <param name="Name">The label.</param>
/// <param name="Url">Where it links.</param>
/// <param name="Weight">Order (lower first; then name).</param>
/// <param name="Parent">The name of a parent entry, or null.</param>
public sealed record MenuItem(string Name, string Url, int Weight, string? Parent);
