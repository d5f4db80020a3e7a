namespace Quell.Cli.Client;

/// <summary>A document and its JSON text exactly as the API answered (or would answer) it, for <c>--json</c>.</summary>
internal sealed record ApiResult<T>(T Value, string Json);
