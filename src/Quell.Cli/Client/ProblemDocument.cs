namespace Quell.Cli.Client;

/// <summary>The fields of an RFC 9457 problem-details answer the CLI prints.</summary>
internal sealed record ProblemDocument(string? Title, string? Detail, int? Status);
