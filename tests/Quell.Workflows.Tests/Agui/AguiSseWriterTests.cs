using System.Text;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

public sealed class AguiSseWriterTests
{
    [Fact]
    public async Task Each_event_is_one_LF_only_data_frame_flushed_as_soon_as_it_is_written()
    {
        var stream = new FlushCountingStream();
        var writer = new AguiSseWriter(stream);
        var events = AguiProjector.ProjectAll(SampleRuns.TaskCancelledMidStream().Events);

        foreach (var e in events)
        {
            var before = stream.Length;
            await writer.WriteAsync(e);
            Assert.Equal(stream.Length, stream.LengthAtLastFlush);
            Assert.True(stream.Length > before);
        }

        Assert.Equal(events.Count, stream.Flushes);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(AguiWire.Sse(events), text);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(events.Count, text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries), f => Assert.StartsWith("data: {\"type\":", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multi_line_delta_stays_on_one_data_line()
    {
        var stream = new FlushCountingStream();
        await new AguiSseWriter(stream).WriteAsync(new TextMessageContentEvent("m", "line 1\nline 2\r\n"));

        Assert.Equal("data: {\"type\":\"TEXT_MESSAGE_CONTENT\",\"messageId\":\"m\",\"delta\":\"line 1\\nline 2\\r\\n\"}\n\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }
        public long LengthAtLastFlush { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            LengthAtLastFlush = Length;
            return Task.CompletedTask;
        }
    }
}
