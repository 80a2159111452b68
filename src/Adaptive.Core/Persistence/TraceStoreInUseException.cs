namespace Adaptive.Core;

/// <summary>Another process holds the trace store: two builds must not share one trace.</summary>
public sealed class TraceStoreInUseException : IOException
{
    /// <summary>Creates the exception.</summary>
    public TraceStoreInUseException(string path, int? processId, Exception? inner = null)
        : base($"The trace store '{path}' is in use by {(processId is { } pid ? "process " + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : "another process")}. Wait for it to finish, or stop it, and try again.", inner)
    {
        Path = path;
        ProcessId = processId;
    }

    /// <summary>The store's path.</summary>
    public string Path { get; }

    /// <summary>The process holding it, when known.</summary>
    public int? ProcessId { get; }
}
