namespace Adaptive.Site;

/// <summary>
/// What highlighting fenced code has cost a site so far (<see cref="SiteLogic.HighlightWork"/>),
/// for <c>adapt bench</c>. In a cold build <see cref="Blocks"/> is every fenced block with a
/// language that rendering asked for and <see cref="DistinctBlocks"/> the distinct (language, code)
/// pairs among them, each highlighted once; later builds add only what they highlight again.
/// </summary>
/// <param name="Blocks">Reads of <see cref="SiteLogic.Highlighted"/> by rendering: one per fenced
/// block with a language (a block in a page's summary is read again when the summary is rendered).</param>
/// <param name="DistinctBlocks">Executions of <see cref="SiteLogic.Highlighted"/>: blocks actually
/// highlighted, including those whose language has no grammar.</param>
/// <param name="Elapsed">Time inside those executions, summed over the threads that ran them:
/// tokenizing, and loading the grammars the first time a thread's registry needs one.</param>
internal readonly record struct HighlightWork(long Blocks, long DistinctBlocks, TimeSpan Elapsed);
