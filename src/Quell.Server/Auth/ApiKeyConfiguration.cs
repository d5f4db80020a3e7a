using Microsoft.Extensions.Configuration;

namespace Quell.Server.Auth;

/// <summary>Reads API keys from <c>Quell:ApiKeys</c> (a list of <c>{key, owner}</c>) and <c>QUELL_API_KEYS</c>.</summary>
internal static class ApiKeyConfiguration
{
    public const string SectionName = "Quell:ApiKeys";
    public const string EnvironmentVariable = "QUELL_API_KEYS";

    public static IEnumerable<ApiKey> Read(IConfiguration configuration)
    {
        foreach (var key in configuration.GetSection(SectionName).Get<List<ApiKey>>() ?? [])
        {
            yield return key;
        }
        foreach (var key in Parse(configuration[EnvironmentVariable]))
        {
            yield return key;
        }
    }

    /// <summary>Parses <c>key1=alice;key2=bob</c>. A malformed entry stops the start with a message saying which.</summary>
    public static IEnumerable<ApiKey> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) yield break;
        var entries = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var separator = entries[i].LastIndexOf('=');
            if (separator <= 0 || separator == entries[i].Length - 1)
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} entry {i + 1} is not 'key=owner'. Use the form key1=alice;key2=bob.");
            }
            yield return new ApiKey(entries[i][..separator].Trim(), entries[i][(separator + 1)..].Trim());
        }
    }
}
