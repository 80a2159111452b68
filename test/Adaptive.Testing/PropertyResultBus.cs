using Xunit.Abstractions;
using Xunit.Sdk;

namespace Adaptive.Testing;

/// <summary>
/// Passes a property's messages on, adding to its result what a reader of a CI log needs: the
/// seed and number of cases (to the output of a pass or a failure) and the command that replays
/// a failure (to its message, which test runners always show).
/// </summary>
internal sealed class PropertyResultBus(IMessageBus inner, PropertyRun run) : IMessageBus
{
    public bool QueueMessage(IMessageSinkMessage message) => inner.QueueMessage(message switch
    {
        ITestFailed failed => new TestFailed(failed.Test, failed.ExecutionTime, WithSummary(failed.Output),
            failed.ExceptionTypes, WithReplayHint(failed.Messages), failed.StackTraces, failed.ExceptionParentIndices),
        ITestPassed passed => new TestPassed(passed.Test, passed.ExecutionTime, WithSummary(passed.Output)),
        _ => message,
    });

    /// <summary>The inner bus belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private string WithSummary(string? output) => (output ?? string.Empty) + run.Summary + Environment.NewLine;

    private string[] WithReplayHint(string[] messages)
    {
        if (messages.Length == 0)
        {
            return messages;
        }

        string[] result = (string[])messages.Clone();
        result[0] = result[0].TrimEnd() + Environment.NewLine + run.ReplayHint(result[0]);
        return result;
    }
}
