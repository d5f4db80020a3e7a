using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>How many flows each kind of element must have, and what an exclusive gateway's outgoing flows need.</summary>
internal static class FlowCountRules
{
    public static void Check(DraftElement element, int incoming, List<DraftFlow> outgoing, LoadErrors errors)
    {
        void Error(string message) => errors.Add(element.Position, element.Id, null, message);
        switch (element.Type)
        {
            case ElementTypes.StartEvent:
                if (incoming > 0) Error("a StartEvent cannot have incoming flows");
                if (outgoing.Count != 1) Error($"a StartEvent needs exactly one outgoing flow, found {outgoing.Count}");
                break;
            case ElementTypes.EndEvent:
                if (outgoing.Count > 0) Error($"an EndEvent cannot have outgoing flows, found {outgoing.Count}");
                break;
            case ElementTypes.AgenticTask or ElementTypes.ServiceTask or ElementTypes.UserTask:
                if (outgoing.Count != 1)
                    Error($"a task needs exactly one outgoing flow, found {outgoing.Count}; use a gateway to branch");
                break;
            case ElementTypes.ParallelGateway:
                if (outgoing.Count == 0) Error("a ParallelGateway needs at least one outgoing flow");
                if (incoming <= 1 && outgoing.Count <= 1) Error("a ParallelGateway must fork (several outgoing flows) or join (several incoming flows)");
                break;
            case ElementTypes.ExclusiveGateway:
                CheckExclusive(element, outgoing, errors);
                break;
        }
    }

    private static void CheckExclusive(DraftElement element, List<DraftFlow> outgoing, LoadErrors errors)
    {
        if (outgoing.Count == 0)
        {
            errors.Add(element.Position, element.Id, null, "an ExclusiveGateway needs at least one outgoing flow");
            return;
        }
        var defaults = outgoing.Where(f => f.IsDefault).ToList();
        foreach (var extra in defaults.Skip(1))
            errors.Add(extra.Position, extra.Id, "default", $"'{element.Id}' already has the default flow '{defaults[0].Id}'");
        foreach (var flow in defaults.Where(f => f.Condition is not null))
            errors.Add(flow.ConditionAt, flow.Id, "condition", "the default flow is taken when no condition holds, so it cannot have one");
        if (outgoing.Count == 1) return;
        foreach (var flow in outgoing.Where(f => f.Condition is null && !f.IsDefault))
            errors.Add(flow.Position, flow.Id, "condition",
                $"'{element.Id}' has several outgoing flows, so this one needs a condition or must be the default");
    }
}
