namespace Quell.Storage.Contract;

/// <summary>
/// Put on a contract subclass whose store needs an outside service named by an environment variable (a database's
/// connection string). When the variable is unset, every <see cref="ContractFactAttribute"/> test of the class is
/// skipped with <see cref="Reason"/> — except under CI (<c>CI=true</c>), where the tests run and fail, so that a CI
/// run that forgot to start the service cannot pass by skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    /// <summary>The environment variable that must be set.</summary>
    public string Variable { get; } = variable;

    /// <summary>Why the tests need it and how to set it.</summary>
    public string Reason { get; } = reason;

    /// <summary>Whether the variable is set to a non-empty value.</summary>
    public static bool IsSet(string variable) => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));

    /// <summary>Whether this process runs under CI, where nothing may be skipped for want of a service.</summary>
    public static bool UnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason for a test of a class with this attribute, or null to run it.</summary>
    public string? SkipReason() => IsSet(Variable) || UnderCi ? null : $"{Variable} is not set: {Reason}";
}
