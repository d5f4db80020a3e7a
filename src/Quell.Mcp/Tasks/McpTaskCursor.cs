using System.Globalization;
using System.Text;

namespace Quell.Mcp.Tasks;

/// <summary>
/// The opaque <c>tasks/list</c> cursor: the position (creation time, id) of the last task of the previous page, so
/// a task created meanwhile neither shifts nor repeats the next page (tasks are listed newest first).
/// </summary>
internal static class McpTaskCursor
{
    public sealed record Position(DateTimeOffset CreatedAt, string Id);

    public static string Encode(DateTimeOffset createdAt, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id}"));

    /// <summary>The position, or null for a cursor Quell did not make.</summary>
    public static Position? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == text.Length - 1) return null;
            if (!long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return null;
            if (ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            return new Position(new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when a task at (createdAt, id) comes after the cursor in newest-first order.</summary>
    public static bool IsAfter(DateTimeOffset createdAt, string id, Position cursor) =>
        createdAt < cursor.CreatedAt || (createdAt == cursor.CreatedAt && string.CompareOrdinal(id, cursor.Id) < 0);
}
