using Microsoft.Extensions.Configuration;

namespace Quell.Server.Security;

/// <summary>A list setting, written either as indexed children (<c>Key:0</c>, JSON arrays) or as one <c>a;b</c> string.</summary>
internal static class ConfigurationLists
{
    public static IEnumerable<string> Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } joined ? [joined] : section.GetChildren().Select(child => child.Value);
        return values.OfType<string>()
            .SelectMany(value => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
