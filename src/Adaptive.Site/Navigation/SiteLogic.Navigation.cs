// Navigation: a page's neighbours in its section and the menus.

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The pages of a section in list order, with each page's position.</summary>
    internal static readonly SiteTable<string, PositionIndex> SectionPositions = new(
        "Site.SectionPositions", static (s, section) => s.ComputeSectionPositions(section), SiteJson.Codec<PositionIndex>());

    /// <summary>The previous page of the page's section, in list order (null at the start).</summary>
    internal static readonly SiteTable<string, string?> Previous = new("Site.Previous", static (s, source) => s.Neighbor(source, -1));

    /// <summary>The next page of the page's section, in list order (null at the end).</summary>
    internal static readonly SiteTable<string, string?> Next = new("Site.Next", static (s, source) => s.Neighbor(source, +1));

    /// <summary>A menu: adapt.yaml's entries and those pages declare, by weight then name.</summary>
    internal static readonly SiteTable<string, ValueList<MenuItem>> Menu = new(
        "Site.Menu", static (s, name) => s.ComputeMenu(name), SiteJson.Codec<ValueList<MenuItem>>());

    private PositionIndex ComputeSectionPositions(string section) => new(Get(SectionPages, section));

    private string? ComputePrevious(string source) => Neighbor(source, -1);

    private string? ComputeNext(string source) => Neighbor(source, +1);

    internal string? Neighbor(string source, int step)
    {
        string folder = Permalinks.Split(source).Folder;
        PositionIndex section = Get(SectionPositions, folder);
        int position = section.PositionOf(source);
        if (position < 0)
        {
            return null;
        }

        int neighbor = position + step;
        return neighbor >= 0 && neighbor < section.Items.Count ? section.Items[neighbor] : null;
    }

    private ValueList<MenuItem> ComputeMenu(string name)
    {
        var items = new List<MenuItem>();
        foreach (ConfigMenuEntry entry in Get(Config).Menu(name))
        {
            items.Add(new MenuItem(entry.Name, entry.Url, entry.Weight, entry.Parent));
        }

        foreach (string source in Model.Files.Content)
        {
            if (!IsListed(source))
            {
                continue;
            }

            FrontMatter meta = Get(Meta, source);
            foreach (MenuEntry entry in meta.Menus)
            {
                if (entry.Menu == name)
                {
                    items.Add(new MenuItem(entry.Name ?? PageTitle(source), Get(Url, source), entry.Weight, entry.Parent));
                }
            }
        }

        items.Sort(static (a, b) => a.Weight != b.Weight ? a.Weight.CompareTo(b.Weight) : string.CompareOrdinal(a.Name, b.Name));
        return new ValueList<MenuItem>(items);
    }
}
