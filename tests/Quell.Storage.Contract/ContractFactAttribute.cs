using Xunit.Abstractions;
using Xunit.Sdk;

namespace Quell.Storage.Contract;

/// <summary>
/// A contract fact: a plain <see cref="FactAttribute"/>, except that it is skipped when the concrete test class
/// carries a <see cref="RequiresEnvironmentAttribute"/> whose variable is unset (outside CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Quell.Storage.Contract.ContractFactDiscoverer", "Quell.Storage.Contract")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests as <see cref="ContractTestCase"/>s.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ContractTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod);
    }
}

/// <summary>A test case whose skip reason comes from the concrete class's <see cref="RequiresEnvironmentAttribute"/>.</summary>
public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ContractTestCase()
    {
    }

    public ContractTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute)
    {
        var requirement = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        if (requirement is not null)
        {
            var variable = requirement.GetConstructorArguments().ElementAt(0) as string ?? "";
            var reason = requirement.GetConstructorArguments().ElementAt(1) as string ?? "";
            if (new RequiresEnvironmentAttribute(variable, reason).SkipReason() is { } skip) return skip;
        }
        return base.GetSkipReason(factAttribute);
    }
}
