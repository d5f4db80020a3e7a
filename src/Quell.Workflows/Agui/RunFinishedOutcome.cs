namespace Quell.Workflows.Agui;

/// <summary>
/// Why a run ended, as <c>RUN_FINISHED.outcome</c>: <c>{"type":"success"}</c> or <c>{"type":"cancelled"}</c>
/// (AG-UI 1.0 also has <c>interrupt</c>, which Quell does not send).
/// </summary>
/// <param name="Type">The outcome's discriminator.</param>
public sealed record RunFinishedOutcome(string Type)
{
    /// <summary>The run completed.</summary>
    public static RunFinishedOutcome Success { get; } = new("success");

    /// <summary>The run was stopped before it completed, and did not fail.</summary>
    public static RunFinishedOutcome Cancelled { get; } = new("cancelled");
}
