using System.Text.Json;
using Quell.Jobs;

namespace Quell.Runtime;

/// <summary>How a handler ended: its result, a cancellation, or an error.</summary>
internal readonly record struct JobOutcome(JobStatus Status, JsonElement? Result = null, string? Error = null);
