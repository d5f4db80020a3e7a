using System.CommandLine;

namespace Quell.Cli.Commands;

/// <summary>Options several commands share, created fresh for each command.</summary>
internal static class CliOptions
{
    public const string DefaultDataDirectory = "./quell-data";
    public const string ApiKeyVariable = "QUELL_API_KEY";

    public static Option<string> Data(string description = "The data directory (SQLite store and job temp files).") => new("--data")
    {
        Description = description,
        DefaultValueFactory = _ => DefaultDataDirectory,
        HelpName = "DIR",
    };

    public static Option<bool> Json(string description = "Print JSON instead of tables.") => new("--json")
    {
        Description = description,
    };

    public static Option<Uri?> Server() => new("--server")
    {
        Description = "Talk to a running Quell server over HTTP instead of opening the data directory.",
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
            result.AddError($"--server must be an http(s) URL such as http://127.0.0.1:5080; got '{text}'.");
            return null;
        },
    };

    public static Option<string?> ApiKey() => new("--api-key")
    {
        Description = $"API key for --server, sent as a bearer token (default: ${ApiKeyVariable}).",
        HelpName = "KEY",
    };
}
