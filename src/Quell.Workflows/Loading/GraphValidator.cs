using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>
/// Checks the graph of a draft: unique ids, flows between existing elements, one start and at least one end, the
/// flow counts each element kind needs, where conditions may stand, and that every element can be reached.
/// </summary>
internal static class GraphValidator
{
    public static void Validate(WorkflowDraft draft, LoadErrors errors)
    {
        CheckUniqueIds(draft, errors);
        var elements = draft.Elements.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var flows = draft.Flows.Where(f => ReferencesExist(f, elements, errors)).ToList();
        CheckStartAndEnd(draft, errors);
        foreach (var element in elements.Values)
        {
            // Counted over every flow, even one with a bad reference, so that mistake is reported once and not again
            // as a missing flow.
            var incoming = draft.Flows.Count(f => f.Target == element.Id);
            var outgoing = draft.Flows.Where(f => f.Source == element.Id).ToList();
            FlowCountRules.Check(element, incoming, outgoing, errors);
        }
        foreach (var flow in flows.Where(f => (f.Condition is not null || f.IsDefault) && elements[f.Source].Type != ElementTypes.ExclusiveGateway))
            errors.Add(flow.Condition is null ? flow.Position : flow.ConditionAt, flow.Id, flow.Condition is null ? "default" : "condition",
                "only flows leaving an ExclusiveGateway may have a condition or be the default");
        CheckGatewayDefaults(draft, flows, errors);
        CheckReachable(draft, flows, errors);
    }

    private static void CheckUniqueIds(WorkflowDraft draft, LoadErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = draft.Elements.Select(e => (e.Id, e.Position)).Concat(draft.Flows.Select(f => (f.Id, f.Position))).OrderBy(x => x.Position.Line);
        foreach (var (id, position) in all)
        {
            if (!seen.Add(id)) errors.Add(position, id, "id", $"the id '{id}' is used more than once");
        }
    }

    private static bool ReferencesExist(DraftFlow flow, Dictionary<string, DraftElement> elements, LoadErrors errors)
    {
        var ok = true;
        if (!elements.ContainsKey(flow.Source))
        {
            errors.Add(flow.SourceAt, flow.Id, "source", $"no element has the id '{flow.Source}'");
            ok = false;
        }
        if (!elements.ContainsKey(flow.Target))
        {
            errors.Add(flow.TargetAt, flow.Id, "target", $"no element has the id '{flow.Target}'");
            ok = false;
        }
        return ok;
    }

    private static void CheckStartAndEnd(WorkflowDraft draft, LoadErrors errors)
    {
        var starts = draft.Elements.Where(e => e.Type == ElementTypes.StartEvent).ToList();
        if (starts.Count == 0) errors.Add(draft.Position, draft.Id, null, "a workflow needs exactly one StartEvent, and this one has none");
        foreach (var extra in starts.Skip(1))
            errors.Add(extra.Position, extra.Id, "type", $"a workflow needs exactly one StartEvent; '{starts[0].Id}' is already one");
        if (!draft.Elements.Any(e => e.Type == ElementTypes.EndEvent))
            errors.Add(draft.Position, draft.Id, null, "a workflow needs at least one EndEvent, and this one has none");
    }

    private static void CheckGatewayDefaults(WorkflowDraft draft, List<DraftFlow> flows, LoadErrors errors)
    {
        foreach (var (gateway, (flowId, at)) in draft.GatewayDefaults)
        {
            if (!flows.Any(f => f.Id == flowId && f.Source == gateway))
                errors.Add(at, gateway, "default", $"the default flow '{flowId}' is not a flow leaving '{gateway}'");
        }
    }

    private static void CheckReachable(WorkflowDraft draft, List<DraftFlow> flows, LoadErrors errors)
    {
        var start = draft.Elements.FirstOrDefault(e => e.Type == ElementTypes.StartEvent);
        if (start is null) return;
        var reached = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var queue = new Queue<string>([start.Id]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var flow in flows.Where(f => f.Source == current && reached.Add(f.Target))) queue.Enqueue(flow.Target);
        }
        foreach (var element in draft.Elements.Where(e => !reached.Contains(e.Id) && e.Type != ElementTypes.StartEvent))
            errors.Add(element.Position, element.Id, null, $"cannot be reached from the start event '{start.Id}'");
    }
}
