using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// <c>quell mcp call</c> against a server that stops answering once a call is cancelled (a stand-in, not Quell): the
/// command still ends, and says what it could not learn.
/// </summary>
public sealed class McpCallUnansweredTests
{
    private static readonly string Server = $"bash '{Path.Combine(AppContext.BaseDirectory, "Assets", "unanswering-mcp-server.sh")}'";

    [Fact]
    public async Task After_a_timeout_unanswered_lookups_end_with_a_message_not_a_hang()
    {
        var result = await Infrastructure.Quell.RunAsync("mcp", "call", "--command", Server, "wait", "--timeout", "1");

        Assert.True(result.ExitCode == 124, result.ToString());
        Assert.Contains("timed out and was cancelled", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Could not fetch partial results: the server did not answer list_jobs in time", result.Stdout, StringComparison.Ordinal);
    }
}
