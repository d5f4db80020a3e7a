using Quell.Workflows.Expressions;
using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>Parses the conditions of a draft, validates its graph and builds the definition, or throws every error found.</summary>
internal static class WorkflowAssembler
{
    public static WorkflowDefinition Build(WorkflowDraft? draft, LoadErrors errors, WorkflowFormat format, BpmnSource? bpmn, string? fileName)
    {
        if (draft is null)
        {
            errors.ThrowIfAny(fileName);
            throw new WorkflowLoadException(fileName, [new WorkflowError(1, 1, null, null, "the file holds no workflow")]);
        }
        var conditions = ParseConditions(draft, errors);
        GraphValidator.Validate(draft, errors);
        errors.ThrowIfAny(fileName);

        var flows = draft.Flows.Select(f => new SequenceFlow(f.Id, f.Source, f.Target, conditions.GetValueOrDefault(f.Id), f.IsDefault)
        {
            Name = f.Name,
        }).ToList();
        var elements = draft.Elements.Select(e => e.Element switch
        {
            ExclusiveGateway gateway => gateway with { DefaultFlowId = flows.FirstOrDefault(f => f.Source == gateway.Id && f.IsDefault)?.Id },
            { } element => element,
            null => throw new InvalidOperationException($"Element '{e.Id}' has no model but no error was reported."),
        }).ToList();
        return new WorkflowDefinition(draft.Id!, draft.Name ?? draft.Id!, elements, flows)
        {
            Version = draft.Version,
            Description = draft.Description,
            Format = format,
            Bpmn = bpmn,
        };
    }

    private static Dictionary<string, ConditionExpression> ParseConditions(WorkflowDraft draft, LoadErrors errors)
    {
        var parsed = new Dictionary<string, ConditionExpression>(StringComparer.Ordinal);
        foreach (var flow in draft.Flows.Where(f => f.Condition is not null))
        {
            try
            {
                parsed.TryAdd(flow.Id, ConditionExpression.Parse(flow.Condition!));
            }
            catch (ExpressionSyntaxException e)
            {
                errors.Add(flow.ConditionAt, flow.Id, "condition",
                    $"bad condition \"{flow.Condition}\" at character {e.Position + 1}: {e.Message}");
            }
        }
        return parsed;
    }
}
