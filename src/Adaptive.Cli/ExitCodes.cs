namespace Adaptive.Cli;

/// <summary>What <c>adapt</c> exits with.</summary>
internal static class ExitCodes
{
    /// <summary>Done, no error.</summary>
    public const int Success = 0;

    /// <summary>The build found errors in the site (reported as <c>file:line:col: error: ...</c>).</summary>
    public const int BuildErrors = 1;

    /// <summary>The command line was wrong (unknown verb or option, missing folder).</summary>
    public const int Usage = 2;
}

/// <summary>A mistake in how adapt was called: reported in one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
