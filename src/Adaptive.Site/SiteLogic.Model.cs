namespace Adaptive.Site;

/// <summary>The model's values under the names the computations use.</summary>
internal sealed partial class SiteLogic
{
    internal SiteFiles Files => model.Files;

    internal BuildOptions Options => model.Options;

    internal SiteConfig Config => model.Config;

    internal ValueList<string> Pages => model.Pages;

    internal ValueList<string> BrokenPages => model.BrokenPages;

    internal ValueList<string> Sections => model.Sections;

    internal ValueDictionary Assets => model.Assets;

    internal ValueList<OutputEntry> Outputs => model.Outputs;

    internal ValueList<SiteDiagnostic> OutputConflicts => model.OutputConflicts;

    internal ValueList<string> OutputPaths => model.OutputPaths;

    internal ValueList<SiteDiagnostic> LinkProblems => model.LinkProblems;

    internal ValueList<string> DataNames => model.DataNames;

    internal ValueList<SiteDiagnostic> DataProblems => model.DataProblems;

    internal TermIndex RelatedIndex => model.RelatedIndex;

    internal OutputClaims Claims => model.Claims;

    internal string Text(string file) => model.Text(file);

    internal bool FileExists(string file) => model.FileExists(file);

    internal bool HasFile(string path) => model.HasFile(path);

    internal byte[] FileBytes(string file) => model.FileBytes(file);

    internal string FrontMatterSource(string source) => model.FrontMatterSource(source);

    internal PageBody BodySource(string source) => model.BodySource(source);

    internal FrontMatter Meta(string source) => model.Meta(source);

    internal bool IsPublished(string source) => model.IsPublished(source);

    internal bool ShowsDrafts => model.ShowsDrafts;

    internal bool IsEmpty(string source) => model.IsEmpty(source);

    internal ValueList<SiteDiagnostic> ContentWarnings => model.ContentWarnings;

    internal ValueList<string> Includes(string source) => model.Includes(source);

    internal bool IsDue(long utcTicks) => model.IsDue(utcTicks);

    internal string Url(string source) => model.Url(source);

    internal RenderedMarkdown Rendered(string source) => model.Rendered(source);

    internal string? UrlOfSource(string source) => model.UrlOfSource(source);

    internal ValueList<string> SectionPages(string section) => model.SectionPages(section);

    internal ValueList<TermPages> Terms(string taxonomy) => model.Terms(taxonomy);

    internal ValueList<string> Related(string source) => model.Related(source);

    internal string? Previous(string source) => model.Previous(source);

    internal string? Next(string source) => model.Next(source);

    internal ValueList<MenuItem> Menu(string name) => model.Menu(name);

    internal TemplateSource? Layout(string name) => model.Layout(name);

    internal byte[] AssetBytes(string path) => model.AssetBytes(path);

    internal string PageHtml(string source) => model.PageHtml(source);

    internal string Summary(string source) => model.Summary(source);

    internal int WordCount(string source) => model.WordCount(source);

    internal int ReadingMinutes(string source) => model.ReadingMinutes(source);

    internal ValueList<string> PageTerms(string source) => model.PageTerms(source);

    internal PositionIndex SectionPositions(string section) => model.SectionPositions(section);

    internal byte[] Output(string key) => model.Output(key);

    internal ValueList<string> LinksOf(string key, string path) => model.LinksOf(key, path);

    internal ValueList<string> BrokenLinks(string key, string path) => model.BrokenLinks(key, path);

    internal object? Data(string name) => model.Data(name);
}
