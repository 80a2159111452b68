using Xunit.Abstractions;
using Xunit.Sdk;

namespace Adaptive.Testing;

/// <summary>Makes the test case of an <see cref="AdaptPropertyAttribute"/> method: an
/// <see cref="AdaptPropertyTestCase"/>, or, when the environment variables cannot be read, a test
/// case that fails with <see cref="PropertySettings.Problem"/>.</summary>
public sealed class AdaptPropertyDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        TestMethodDisplay display = discoveryOptions.MethodDisplayOrDefault();
        TestMethodDisplayOptions displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        return PropertySettings.Problem is { } problem
            ? [new ExecutionErrorTestCase(diagnosticMessageSink, display, displayOptions, testMethod, problem)]
            : [new AdaptPropertyTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
