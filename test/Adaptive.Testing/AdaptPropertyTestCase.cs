using System.ComponentModel;
using FsCheck.Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Adaptive.Testing;

/// <summary>
/// FsCheck.Xunit's test case, run unchanged, with what CI needs around it: the trait
/// <c>Category=Property</c> (so <c>--filter Category=Property</c> selects every property), and
/// its results rewritten by <see cref="PropertyResultBus"/> to carry the seed and the number of
/// cases, and on failure the command that replays it.
/// </summary>
public sealed class AdaptPropertyTestCase : PropertyTestCase
{
    /// <summary>For the xunit de-serializer.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public AdaptPropertyTestCase()
    {
    }

    /// <summary>The test case of <paramref name="testMethod"/>.</summary>
    public AdaptPropertyTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, null)
    {
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        IAttributeInfo property = TestMethod.Method.GetCustomAttributes(typeof(PropertyAttribute)).First();
        var run = new PropertyRun(
            TestMethod.TestClass.Class.Name + "." + TestMethod.Method.Name,
            property.GetNamedArgument<string>(nameof(PropertyAttribute.Replay)),
            property.GetNamedArgument<int>(nameof(PropertyAttribute.MaxTest)),
            property.GetNamedArgument<int>(nameof(AdaptPropertyAttribute.Cases)));
        return base.RunAsync(diagnosticMessageSink, new PropertyResultBus(messageBus, run), constructorArguments, aggregator, cancellationTokenSource);
    }

    /// <inheritdoc/>
    protected override void Initialize()
    {
        base.Initialize();
        if (!Traits.TryGetValue("Category", out List<string>? categories))
        {
            Traits["Category"] = categories = [];
        }

        categories.Add("Property");
    }
}
