namespace Adaptive.Site.Phased;

/// <summary>How the phased build decides what to render.</summary>
public enum PhasedMode
{
    /// <summary>Everything, every time.</summary>
    Full,

    /// <summary>From a build cache: changed files, the outputs that read them, and a full build
    /// when the configuration, the options or the generator changed.</summary>
    Incremental,
}
