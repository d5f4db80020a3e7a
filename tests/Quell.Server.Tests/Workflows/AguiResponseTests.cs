using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Quell.Server.Agui;
using Quell.Workflows.Agui;

namespace Quell.Server.Tests.Workflows;

public sealed class AguiResponseTests
{
    [Fact]
    public async Task It_sets_the_event_stream_headers_turns_buffering_off_and_flushes_each_frame()
    {
        var context = new DefaultHttpContext();
        var body = new FlushCountingStream();
        var feature = new RecordingBodyFeature(body);
        context.Features.Set<IHttpResponseBodyFeature>(feature);

        var writer = AguiResponse.Start(context.Response);
        await writer.WriteAsync(new StepStartedEvent("fetch_data"));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("text/event-stream", context.Response.ContentType);
        Assert.Equal("no-cache", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("no", context.Response.Headers["X-Accel-Buffering"].ToString());
        Assert.True(feature.BufferingDisabled);
        Assert.Equal("data: {\"type\":\"STEP_STARTED\",\"stepName\":\"fetch_data\"}\n\n", Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(1, body.Flushes);
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingBodyFeature(Stream body) : IHttpResponseBodyFeature
    {
        public bool BufferingDisabled { get; private set; }
        public Stream Stream => body;
        public System.IO.Pipelines.PipeWriter Writer => throw new NotSupportedException();
        public void DisableBuffering() => BufferingDisabled = true;
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CompleteAsync() => Task.CompletedTask;
    }
}
