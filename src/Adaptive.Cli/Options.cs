using CommandLine;

namespace Adaptive.Cli;

/// <summary>Options every verb that works on a site shares.</summary>
internal abstract class SiteOptions
{
    [Option('s', "source", Default = ".", HelpText = "The site's folder (with adapt.yaml and content/).")]
    public string Source { get; set; } = ".";

    [Option('o', "output", HelpText = "The output folder (default: <source>/public).")]
    public string? Output { get; set; }

    [Option("json", HelpText = "Print JSON on stdout instead of text.")]
    public bool Json { get; set; }

    [Option('v', "verbose", HelpText = "Print more: every file written and deleted, the time of each phase.")]
    public bool Verbose { get; set; }
}

/// <summary>Options of the verbs that build.</summary>
internal abstract class BuildingOptions : SiteOptions
{
    [Option("mode", Default = "adaptive", HelpText = "adaptive, phased (every phase, everything) or phased-incremental (the baseline's build cache).")]
    public string Mode { get; set; } = "adaptive";

    [Option("drafts", HelpText = "Build pages marked draft: true.")]
    public bool Drafts { get; set; }

    [Option("future", HelpText = "Build pages dated in the future.")]
    public bool Future { get; set; }

    [Option("minify", HelpText = "Minify the HTML, CSS and JS outputs (as adapt.yaml's minify: true).")]
    public bool Minify { get; set; }

    [Option("jobs", Default = 0, HelpText = "Threads that render (default: one per core).")]
    public int Jobs { get; set; }

    [Option("no-trace", HelpText = "Do not read or save the trace in <source>/.adapt/ (a cold build, nothing kept).")]
    public bool NoTrace { get; set; }
}

[Verb("build", HelpText = "Build the site: cold the first time, then only what changed since the last build.")]
internal sealed class BuildVerb : BuildingOptions
{
}

[Verb("watch", HelpText = "Build, then rebuild what each edit changes, keeping the graph in memory (Ctrl+C to stop).")]
internal sealed class WatchVerb : BuildingOptions
{
    [Option("serve", HelpText = "Serve the output folder with live reload.")]
    public bool Serve { get; set; }

    [Option("port", Default = 1313, HelpText = "The port to serve on.")]
    public int Port { get; set; } = 1313;

    [Option("bind", Default = "127.0.0.1", HelpText = "The address to serve on.")]
    public string Bind { get; set; } = "127.0.0.1";

    [Option("debounce", Default = 100, HelpText = "Milliseconds without file events before a batch of edits is built.")]
    public int DebounceMs { get; set; } = 100;
}

[Verb("new", HelpText = "Create a site (adapt new site <dir>) or a page (adapt new page <path>).")]
internal sealed class NewVerb
{
    [Value(0, MetaName = "kind", Required = true, HelpText = "site or page.")]
    public string Kind { get; set; } = string.Empty;

    [Value(1, MetaName = "path", Required = true, HelpText = "The site's folder, or the page's path under content/ (blog/my-post.md).")]
    public string Path { get; set; } = string.Empty;

    [Option('s', "source", Default = ".", HelpText = "For a page: the site's folder.")]
    public string Source { get; set; } = ".";

    [Option("title", HelpText = "The title (default: from the file or folder name).")]
    public string? Title { get; set; }

    [Option("draft", HelpText = "For a page: mark it draft: true.")]
    public bool Draft { get; set; }

    [Option("force", HelpText = "For a site: write into a folder that is not empty.")]
    public bool Force { get; set; }

    [Option("theme", Default = "blog", HelpText = "For a site: blog (a blog, docs and an about page) or docs (a documentation site: highlighted code, TOML and JSON front matter, search).")]
    public string Theme { get; set; } = "blog";
}

[Verb("theme", HelpText = "adapt theme eject: copy the default theme's layouts and partials into layouts/ to customize them.")]
internal sealed class ThemeVerb
{
    [Value(0, MetaName = "action", Required = true, HelpText = "eject.")]
    public string Action { get; set; } = string.Empty;

    [Option('s', "source", Default = ".", HelpText = "The site's folder.")]
    public string Source { get; set; } = ".";

    [Option("force", HelpText = "Overwrite layouts the site already has.")]
    public bool Force { get; set; }
}

[Verb("clean", HelpText = "Delete the output (the files the builds wrote) and the trace.")]
internal sealed class CleanVerb : SiteOptions
{
}

[Verb("explain", HelpText = "Why an output file (or the outputs of a source file) was rebuilt in the last build.")]
internal sealed class ExplainVerb : SiteOptions
{
    [Value(0, MetaName = "file", Required = true, HelpText = "An output file (public/blog/a/index.html) or a source file (content/blog/a.md).")]
    public string File { get; set; } = string.Empty;
}

[Verb("trace", HelpText = "The persisted trace: adapt trace stats | dump [--format dot|json] | gc.")]
internal sealed class TraceVerb : SiteOptions
{
    [Value(0, MetaName = "action", Required = true, HelpText = "stats, dump or gc.")]
    public string Action { get; set; } = string.Empty;

    [Option("format", Default = "dot", HelpText = "For dump: dot or json.")]
    public string Format { get; set; } = "dot";
}

[Verb("gen", HelpText = "Generate a benchmark site: adapt gen docs|blog|api [--pages N] [--seed S] -o DIR.")]
internal sealed class GenVerb
{
    [Value(0, MetaName = "scenario", Required = true, HelpText = "docs (~200 pages), blog (5,000 posts) or api (10,000 pages).")]
    public string Scenario { get; set; } = string.Empty;

    [Option("pages", HelpText = "Pages to generate (up to 100,000; default: the scenario's).")]
    public int? Pages { get; set; }

    [Option("seed", Default = 1, HelpText = "The random seed: the same seed gives the same site.")]
    public int Seed { get; set; } = 1;

    [Option('o', "output", Required = true, HelpText = "The folder to create the site in (must be empty or absent).")]
    public string Output { get; set; } = string.Empty;
}

[Verb("bench", HelpText = "Compare adaptive and phased builds on a generated site, every edit kind, verified against cold builds, with tables and charts.")]
internal sealed class BenchVerb
{
    [Option("scenario", Default = "docs", HelpText = "docs, blog or api.")]
    public string Scenario { get; set; } = "docs";

    [Option("pages", HelpText = "Pages (default: the scenario's).")]
    public int? Pages { get; set; }

    [Option("runs", Default = 3, HelpText = "Runs per cell (the median is reported, with min and max).")]
    public int Runs { get; set; } = 3;

    [Option("out", Default = "bench-results", HelpText = "The folder for results.json, results.csv, results.md and the SVG charts.")]
    public string Out { get; set; } = "bench-results";

    [Option("strategies", HelpText = "Comma-separated subset of adaptive-live, adaptive-new-process, phased-full, phased-incremental (default: all).")]
    public string? Strategies { get; set; }

    [Option("edits", HelpText = "Comma-separated subset of the edits to measure after the cold build, e.g. \"no-op,body edit\" (default: all).")]
    public string? Edits { get; set; }

    [Option("scaling", HelpText = "Comma-separated page counts for the scaling plot (api scenario), e.g. 1000,10000,100000.")]
    public string? Scaling { get; set; }

    [Option("seed", Default = 1, HelpText = "The corpus seed.")]
    public int Seed { get; set; } = 1;
}

[Verb("demo", HelpText = "A tour of the runtime on a tiny graph.")]
internal sealed class DemoVerb
{
}
