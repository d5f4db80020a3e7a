using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>The 202 answer to an element cancel.</summary>
/// <param name="Outcome"><c>requested</c>, or <c>already_requested</c> when an earlier request stands.</param>
/// <param name="Message">What happens next.</param>
/// <param name="RunId">The run.</param>
/// <param name="Element">The element as it now stands.</param>
internal sealed record ElementCancelResultDto(string Outcome, string Message, string RunId, ElementView? Element);
