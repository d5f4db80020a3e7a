using System.Reflection;
using Quell.Agents.Events;
using Quell.Workflows.Events;

namespace Quell.Workflows.Tests;

public sealed class EventCatalogueTests
{
    [Fact]
    public void The_cancellation_events_keep_the_names_users_already_know()
    {
        Assert.Equal(
            ["task.cancel.failed", "task.cancel.request", "task.cancellable", "task.cancelled", "task.cancelling"],
            Names(typeof(WorkflowEventTypes)).Where(n => n.StartsWith("task.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Event_names_are_unique_and_none_is_in_the_runtimes_reserved_namespace()
    {
        var names = Names(typeof(WorkflowEventTypes)).Concat(Names(typeof(AgentEventTypes))).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var name in names) Quell.Events.JobEventTypes.ThrowIfReserved(name);
    }

    private static IEnumerable<string> Names(Type catalogue) =>
        catalogue.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);
}
