namespace Adaptive.Cli.Commands;

/// <summary>
/// Where a site, its output and its state (<c>.adapt/</c>: trace, phased cache, last build's
/// explanation) are, checked so that a build can never write over the sources: the output may
/// not be the site folder, contain it, or sit inside one of its source folders.
/// </summary>
internal sealed record SitePaths(string Source, string Output, string State)
{
    public string Trace => Path.Combine(State, "trace.db");

    public string PhasedCache => Path.Combine(State, "phased-cache.json");

    public string LastBuild => Path.Combine(State, "last-build.json");

    public static SitePaths Resolve(SiteOptions options, bool mustExist = true)
    {
        string source = Path.GetFullPath(options.Source);
        if (mustExist)
        {
            if (!Directory.Exists(source))
            {
                throw new UsageException($"there is no folder '{options.Source}'. Create a site with: adapt new site {options.Source}");
            }

            if (!File.Exists(Path.Combine(source, "adapt.yaml")) && !Directory.Exists(Path.Combine(source, "content")))
            {
                throw new UsageException($"'{options.Source}' is not a site: it has no adapt.yaml and no content/ folder. Create one with: adapt new site <dir>, or pass --source");
            }
        }

        string output = Path.GetFullPath(options.Output ?? Path.Combine(source, "public"));
        string sep = Path.DirectorySeparatorChar.ToString();
        if (output == source || (source + sep).StartsWith(output + sep, StringComparison.Ordinal))
        {
            throw new UsageException($"the output folder '{options.Output}' contains the site's sources: choose another --output (the default is <source>/public)");
        }

        foreach (string area in (string[])["content", "layouts", "static", "assets", "data", ".adapt"])
        {
            string folder = Path.Combine(source, area);
            if ((output + sep).StartsWith(folder + sep, StringComparison.Ordinal))
            {
                throw new UsageException($"the output folder '{options.Output}' is inside the site's {area}/ folder: choose another --output");
            }
        }

        return new SitePaths(source, output, Path.Combine(source, ".adapt"));
    }
}
