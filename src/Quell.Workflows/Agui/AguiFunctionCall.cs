namespace Quell.Workflows.Agui;

/// <summary>The name and arguments of a tool call (<c>FunctionCallSchema</c>).</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Arguments">The arguments as JSON text.</param>
public sealed record AguiFunctionCall(string Name, string Arguments);
