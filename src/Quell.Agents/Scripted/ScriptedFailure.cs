namespace Quell.Agents.Scripted;

/// <summary>A call of the scripted model that fails as an HTTP error would, such as a 429 on the first attempt.</summary>
public sealed record ScriptedFailure
{
    /// <summary>Which call of the model fails, counting every call (retries included) from 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The HTTP status the failure reports. Default 429.</summary>
    public int StatusCode { get; init; } = 429;

    /// <summary>The error message; a default names the status.</summary>
    public string? Message { get; init; }
}
