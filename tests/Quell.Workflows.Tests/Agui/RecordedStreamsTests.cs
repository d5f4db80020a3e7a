using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

/// <summary>
/// The projector's streams for the hand-made runs, as SSE files in tests/conformance/agui/recorded, where the
/// conformance suite feeds them to the official @ag-ui/client. The files are checked in; this test fails when they
/// no longer match the projector. <c>QUELL_AGUI_RECORD=1</c> rewrites them.
/// </summary>
public sealed class RecordedStreamsTests
{
    [Fact]
    public void The_recorded_streams_match_the_projector()
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "conformance", "agui", "recorded");
        var files = Recordings();
        if (Environment.GetEnvironmentVariable("QUELL_AGUI_RECORD") == "1")
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory)) File.Delete(stale);
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
        }
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            Assert.True(File.Exists(path), $"{path} is missing: run the tests with QUELL_AGUI_RECORD=1.");
            Assert.True(File.ReadAllText(path) == text, $"{path} is out of date: run the tests with QUELL_AGUI_RECORD=1.");
        }
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Frames_are_LF_only_data_lines()
    {
        foreach (var (name, text) in Recordings().Where(f => f.Key.EndsWith(".sse", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain('\r', text);
            foreach (var frame in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.StartsWith("data: {", frame, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', frame);
            }
            Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
            Assert.True(name.Length > 0);
        }
    }

    /// <summary>
    /// Per run: the live stream, and re-attach streams cut at a quarter, half and three quarters of its history and
    /// just after its first message delta (mid-message); a manifest says what the suite must see in each.
    /// </summary>
    private static SortedDictionary<string, string> Recordings()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var manifest = new JsonArray();
        foreach (var (name, run) in SampleRuns.All)
        {
            var history = run.Events;
            var live = AguiProjector.ProjectAll(history);
            files[$"{name}.sse"] = AguiWire.Sse(live);
            var firstDelta = history.ToList().FindIndex(e => e.Type == "task.message.delta");
            var cuts = new SortedSet<int> { history.Count / 4, history.Count / 2, history.Count * 3 / 4 };
            if (firstDelta >= 0) cuts.Add(firstDelta + 1);
            var reattach = new JsonArray();
            foreach (var cut in cuts)
            {
                var snapshot = AguiSnapshot.Build(history.Take(cut));
                var stream = snapshot.Events.Concat(history.Skip(cut).SelectMany(snapshot.Projector.Project)).ToList();
                var file = $"{name}.reattach-{cut:D2}.sse";
                files[file] = AguiWire.Sse(stream);
                reattach.Add(new JsonObject { ["file"] = file, ["snapshotEvents"] = snapshot.Events.Count });
            }
            manifest.Add(new JsonObject
            {
                ["run"] = name,
                ["runId"] = run.RunId,
                ["live"] = $"{name}.sse",
                ["reattach"] = reattach,
                ["end"] = live[^1] is RunFinishedEvent f ? f.Outcome.Type : "error",
                ["customNames"] = new JsonArray(live.OfType<CustomEvent>().Select(c => c.Name).Distinct().Select(n => (JsonNode)n).ToArray()),
            });
        }
        files["manifest.json"] = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        return files;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quell.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Quell.slnx not found above " + AppContext.BaseDirectory);
    }
}
