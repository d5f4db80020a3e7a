using System.Text;
using System.Text.Json;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

internal static class AguiWire
{
    public static string Json(AguiEvent e) => JsonSerializer.Serialize(e, AguiJsonContext.Default.AguiEvent);

    public static string Sse(IEnumerable<AguiEvent> events) => string.Concat(events.Select(e => Encoding.UTF8.GetString(AguiSseWriter.Frame(e))));
}
