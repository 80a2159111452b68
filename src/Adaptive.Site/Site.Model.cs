namespace Adaptive.Site;

/// <summary>The site's memos as the model its computations read (<see cref="SiteLogic"/>).</summary>
public sealed partial class Site : ISiteModel
{
    OutputClaims ISiteModel.Claims => Claims;

    TermIndex ISiteModel.RelatedIndex => RelatedIndex;

    string ISiteModel.Text(string file) => Text(file);

    bool ISiteModel.FileExists(string file) => Input(file).Exists;

    byte[] ISiteModel.FileBytes(string file) => Bytes(file);

    string ISiteModel.FrontMatterSource(string source) => FrontMatterSource(source);

    PageBody ISiteModel.BodySource(string source) => BodySource(source);

    bool ISiteModel.ShowsDrafts => ShowsDrafts;

    bool ISiteModel.IsEmpty(string source) => IsEmpty(source);

    ValueList<SiteDiagnostic> ISiteModel.ContentWarnings => ContentWarnings;

    ValueList<string> ISiteModel.Includes(string source) => Includes(source);

    bool ISiteModel.IsDue(long utcTicks) => IsDue(utcTicks);

    ValueList<string> ISiteModel.PageTerms(string source) => PageTerms(source);

    PositionIndex ISiteModel.SectionPositions(string section) => SectionPositions(section);
}
