using System.ComponentModel;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>The input of <see cref="CountJob"/>.</summary>
public sealed record CountInput(
    [property: Description("How many steps to count.")] int Steps,
    [property: Description("Milliseconds per step.")] int DelayMs = 10);

public sealed record CountResult(int Counted);

/// <summary>
/// A test job type offered as the MCP tool <c>test_count</c>: counts steps, one partial result, progress report and
/// checkpoint each.
/// </summary>
public sealed class CountJob : IJobHandler<CountInput, CountResult>
{
    public const string JobType = "test.count";

    public const string ToolName = "test_count";

    public static void Register(QuellBuilder quell) =>
        quell.AddJob<CountInput, CountResult, CountJob>(JobType, options => options.AsMcpTool(description: "Counts to a number, slowly."));

    public async Task<CountResult> ExecuteAsync(CountInput input, IJobContext context)
    {
        context.SetTotalItems(input.Steps);
        for (var i = 1; i <= input.Steps; i++)
        {
            await Task.Delay(input.DelayMs, context.CancellationToken);
            context.AddPartialResult(new { step = i });
            context.ReportProgress(i, input.Steps, $"step {i} of {input.Steps}");
            context.Checkpoint($"step-{i}");
        }
        return new CountResult(input.Steps);
    }
}
