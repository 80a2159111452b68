namespace Adaptive.Site;

/// <summary>A template's text and where it comes from.</summary>
/// <param name="Name">The lookup name, e.g. <c>_default/single</c> or <c>partials/header</c>.</param>
/// <param name="File">For diagnostics: <c>layouts/_default/single.hbs</c>, or the default theme's file.</param>
/// <param name="Text">The Handlebars text.</param>
public sealed record TemplateSource(string Name, string File, string Text);
