namespace Quell.Workflows.Agui;

/// <summary>A call an assistant message made (<c>ToolCallSchema</c>).</summary>
/// <param name="Id">The call's id.</param>
/// <param name="Function">The tool's name and arguments.</param>
public sealed record AguiToolCall(string Id, AguiFunctionCall Function)
{
    /// <summary>Always <c>function</c>.</summary>
    public string Type { get; init; } = "function";
}
