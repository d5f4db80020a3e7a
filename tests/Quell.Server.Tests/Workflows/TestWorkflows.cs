using System.Net.Http.Headers;
using System.Text;

namespace Quell.Server.Tests.Workflows;

/// <summary>
/// Small workflows on the offline scripted model (no tools, so no tool server to start): a quick task that is not
/// cancellable, then in parallel a slow cancellable <c>draft</c> (its gateway takes <c>fallback</c> when it was
/// cancelled) and a slow task that is not cancellable (<c>hold</c>).
/// </summary>
public static class TestWorkflows
{
    public const string ReviewId = "review";

    public static readonly string Review = $$$"""
        id: review
        name: Review
        elements:
          - id: start
            type: StartEvent
          - id: quick
            type: AgenticTask
            name: Quick note
            properties:
              agentProvider: scripted
              prompt: Note the topic.
              script:
                tokensPerSecond: 200
                text: Noted.
          - id: split
            type: ParallelGateway
          - id: draft
            type: AgenticTask
            name: Draft
            properties:
              allowCancellation: true
              agentProvider: scripted
              prompt: Write the draft.
              script:
                tokensPerSecond: 25
                text: "{{{Words(60)}}}"
          - id: checked
            type: ExclusiveGateway
          - id: fallback
            type: AgenticTask
            name: Fallback
            properties:
              agentProvider: scripted
              prompt: Write a short note instead.
              script:
                tokensPerSecond: 200
                text: Short note.
          - id: hold
            type: AgenticTask
            name: Hold
            properties:
              allowCancellation: false
              agentProvider: scripted
              prompt: Hold on.
              script:
                tokensPerSecond: 25
                text: "{{{Words(60)}}}"
          - id: end_ok
            type: EndEvent
            properties: { outcome: success }
          - id: end_fallback
            type: EndEvent
            properties: { outcome: failure }
          - id: end_hold
            type: EndEvent
            properties: { outcome: success }
        flows:
          - { id: f1, source: start, target: quick }
          - { id: f2, source: quick, target: split }
          - { id: f3, source: split, target: draft }
          - { id: f4, source: split, target: hold }
          - { id: f5, source: draft, target: checked }
          - { id: f6, source: checked, target: fallback, condition: "${tasks.draft.status == 'cancelled'}" }
          - { id: f7, source: checked, target: end_ok, default: true }
          - { id: f8, source: fallback, target: end_fallback }
          - { id: f9, source: hold, target: end_hold }
        """;

    private static string Words(int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"word{i}"));

    public static StringContent Yaml(string text) => Body(text, "application/yaml");

    public static StringContent Body(string text, string mediaType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Stores <see cref="Review"/> under <see cref="ReviewId"/>.</summary>
    public static async Task PutReviewAsync(HttpClient client)
    {
        using var response = await client.PutAsync($"/api/workflows/{ReviewId}", Yaml(Review));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
    }
}
