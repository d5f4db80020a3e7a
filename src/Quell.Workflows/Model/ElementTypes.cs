namespace Quell.Workflows.Model;

/// <summary>The element type names of the YAML format and of the JSON form of the model.</summary>
public static class ElementTypes
{
    /// <summary>Where a run begins.</summary>
    public const string StartEvent = nameof(StartEvent);

    /// <summary>Where a path ends, with an outcome.</summary>
    public const string EndEvent = nameof(EndEvent);

    /// <summary>An LLM task with tools.</summary>
    public const string AgenticTask = nameof(AgenticTask);

    /// <summary>A task that runs a registered job type.</summary>
    public const string ServiceTask = nameof(ServiceTask);

    /// <summary>A task that waits for a person's input.</summary>
    public const string UserTask = nameof(UserTask);

    /// <summary>Takes exactly one outgoing flow.</summary>
    public const string ExclusiveGateway = nameof(ExclusiveGateway);

    /// <summary>Forks into, or joins, parallel paths.</summary>
    public const string ParallelGateway = nameof(ParallelGateway);

    /// <summary>Every type name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [StartEvent, EndEvent, AgenticTask, ServiceTask, UserTask, ExclusiveGateway, ParallelGateway];
}
