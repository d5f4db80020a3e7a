using Quell.Events;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

public sealed class AguiProjectorRobustnessTests
{
    /// <summary>
    /// Histories the engine should never write (events dropped, repeated, swapped, cut short, from a restarted run)
    /// must still project to a stream the client's verifier accepts, live and re-attached at any point.
    /// </summary>
    [Fact]
    public void Whatever_the_history_the_stream_is_one_the_client_accepts()
    {
        var random = new Random(20261123);
        var samples = SampleRuns.All.Values.Select(r => r.Events).ToList();
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var history = Mutate(samples[random.Next(samples.Count)], random);

            var live = AguiProjector.ProjectAll(history);
            Assert.True(AguiSequenceChecker.Violations(live).Count == 0, Explain(iteration, history, live));

            var cut = random.Next(history.Count + 1);
            var snapshot = AguiSnapshot.Build(history.Take(cut));
            var reattached = snapshot.Events.Concat(history.Skip(cut).SelectMany(snapshot.Projector.Project)).ToList();
            Assert.True(AguiSequenceChecker.Violations(reattached).Count == 0, Explain(iteration, history, reattached));
        }
    }

    private static List<JobEvent> Mutate(IReadOnlyList<JobEvent> source, Random random)
    {
        var events = source.ToList();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && events.Count > 1; m++)
        {
            var i = random.Next(events.Count);
            switch (random.Next(5))
            {
                case 0: events.RemoveAt(i); break;
                case 1: events.Insert(i, events[random.Next(events.Count)]); break;
                case 2 when i + 1 < events.Count: (events[i], events[i + 1]) = (events[i + 1], events[i]); break;
                case 3: events.RemoveRange(i, events.Count - i); break;
                default: events.InsertRange(i, source.Take(random.Next(source.Count))); break; // a restart replays a prefix
            }
        }
        return events.Select((e, index) => e with { Seq = index + 1 }).ToList();
    }

    private static string Explain(int iteration, IReadOnlyList<JobEvent> history, IEnumerable<AguiEvent> stream) =>
        $"iteration {iteration}: {string.Join("; ", AguiSequenceChecker.Violations(stream))}\n" +
        $"history: {string.Join(", ", history.Select(e => e.Type + (e.ElementId is null ? "" : "@" + e.ElementId)))}";
}
