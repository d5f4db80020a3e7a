using Quell.Storage.Contract;

namespace Quell.Storage.Postgres.Tests;

/// <summary>A fact that needs <c>QUELL_TEST_POSTGRES</c>: skipped without it, except under CI, where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (new RequiresEnvironmentAttribute(PostgresDatabase.Variable, PostgresDatabase.Reason).SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
