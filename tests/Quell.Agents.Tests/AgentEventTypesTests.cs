using System.Reflection;
using Quell.Agents.Events;

namespace Quell.Agents.Tests;

public sealed class AgentEventTypesTests
{
    [Fact]
    public void Agent_events_live_under_task_so_a_run_stream_groups_them_with_the_task_they_belong_to()
    {
        var names = typeof(AgentEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.StartsWith("task.", name, StringComparison.Ordinal));
    }
}
