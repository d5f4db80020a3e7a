using System.Text.Json.Serialization;

namespace Quell.Workflows.Model;

/// <summary>A node of the workflow graph. The JSON form carries the kind in <c>type</c>, named as in YAML.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StartEvent), ElementTypes.StartEvent)]
[JsonDerivedType(typeof(EndEvent), ElementTypes.EndEvent)]
[JsonDerivedType(typeof(AgenticTask), ElementTypes.AgenticTask)]
[JsonDerivedType(typeof(ServiceTask), ElementTypes.ServiceTask)]
[JsonDerivedType(typeof(UserTask), ElementTypes.UserTask)]
[JsonDerivedType(typeof(ExclusiveGateway), ElementTypes.ExclusiveGateway)]
[JsonDerivedType(typeof(ParallelGateway), ElementTypes.ParallelGateway)]
public abstract record WorkflowElement
{
    /// <summary>Creates an element.</summary>
    protected WorkflowElement(string id, string? name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>Unique within the workflow (flows included).</summary>
    public string Id { get; }

    /// <summary>The label shown to people, if any.</summary>
    public string? Name { get; }

    /// <summary>The element's type name as written in YAML (<c>AgenticTask</c>, <c>ExclusiveGateway</c>…).</summary>
    [JsonIgnore]
    public abstract string TypeName { get; }
}
