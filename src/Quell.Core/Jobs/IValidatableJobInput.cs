namespace Quell.Jobs;

/// <summary>An input type that checks itself at submission, so bad input is refused before a job exists.</summary>
public interface IValidatableJobInput
{
    /// <summary>Problems with the input, each a sentence a user can act on; empty when valid.</summary>
    IReadOnlyList<string> Validate();
}
