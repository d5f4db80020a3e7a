using System.CommandLine;
using Quell.Cli.Client;

namespace Quell.Cli.Commands;

/// <summary>The options every <c>quell jobs</c> command takes to reach the jobs: a server, or a data directory.</summary>
internal sealed class JobsConnection
{
    private readonly Option<Uri?> _server = CliOptions.Server();
    private readonly Option<string?> _apiKey = CliOptions.ApiKey();
    private readonly Option<string> _data = CliOptions.Data("The data directory whose store to open when no --server is given.");

    public Option<bool> Json { get; } = CliOptions.Json("Print the HTTP API's JSON instead of tables.");

    public void AddTo(Command command)
    {
        command.Options.Add(_server);
        command.Options.Add(_apiKey);
        command.Options.Add(_data);
        command.Options.Add(Json);
    }

    /// <summary>A client over --server, or over --data (read-only unless <paramref name="write"/>).</summary>
    public IJobsClient Open(ParseResult parseResult, bool write = false)
    {
        if (parseResult.GetValue(_server) is { } server)
        {
            var apiKey = parseResult.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable(CliOptions.ApiKeyVariable);
            return new HttpJobsClient(server, apiKey);
        }
        return StoreJobsClient.Open(parseResult.GetValue(_data)!, readOnly: !write);
    }
}
