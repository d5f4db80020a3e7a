using Quell.Mcp.Tasks;

namespace Quell.Mcp.Tests.Tasks;

public sealed class McpTaskCursorTests
{
    [Fact]
    public void A_cursor_round_trips_its_position()
    {
        var createdAt = new DateTimeOffset(2026, 11, 23, 10, 30, 0, 123, TimeSpan.Zero);

        var position = McpTaskCursor.Decode(McpTaskCursor.Encode(createdAt, "abc:def"));

        Assert.Equal(new McpTaskCursor.Position(createdAt, "abc:def"), position);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm8tY29sb24=")] // "no-colon"
    [InlineData("eDpzb21lLWlk")] // "x:some-id"
    [InlineData("MTIzOg==")] // "123:" (no id)
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk6aWQ=")] // "99999999999999999999999:id": not a tick count
    public void A_cursor_quell_did_not_make_is_rejected(string cursor) => Assert.Null(McpTaskCursor.Decode(cursor));

    [Fact]
    public void After_means_older_or_same_time_with_a_smaller_id()
    {
        var t = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var cursor = new McpTaskCursor.Position(t, "m");

        Assert.True(McpTaskCursor.IsAfter(t.AddTicks(-1), "z", cursor));
        Assert.True(McpTaskCursor.IsAfter(t, "a", cursor));
        Assert.False(McpTaskCursor.IsAfter(t, "m", cursor));
        Assert.False(McpTaskCursor.IsAfter(t, "z", cursor));
        Assert.False(McpTaskCursor.IsAfter(t.AddTicks(1), "a", cursor));
    }
}
