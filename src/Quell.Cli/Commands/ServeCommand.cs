using System.CommandLine;
using Quell.Cli.Hosting;
using Quell.Server;

namespace Quell.Cli.Commands;

/// <summary>
/// <c>quell serve [--urls URL] [--data DIR] [--store sqlite|postgres] [--connection CS]</c>: the HTTP server with the CLI's job types, until SIGTERM or Ctrl+C;
/// running jobs are cancelled with <c>system_shutdown</c> and keep their partial results; exit code 0. The sample
/// workflows are loaded into the catalog at start, so they can be run at once.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'. Beyond loopback, API keys are required (QUELL_API_KEYS).",
            DefaultValueFactory = _ => DefaultUrl,
            HelpName = "URL",
        };
        var data = CliOptions.Data();
        var store = new Option<string?>("--store")
        {
            Description = "The job store: sqlite (the embedded file in --data, the default) or postgres (--connection; several nodes may share it). Also Quell:Store.",
            HelpName = "sqlite|postgres",
        };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection")
        {
            Description = "The PostgreSQL connection string for --store postgres, such as \"Host=db;Database=quell;Username=quell\". Also ConnectionStrings:Quell.",
            HelpName = "CONNECTION",
        };
        var command = new Command("serve", "Run the Quell server (HTTP API, Server-Sent Events).") { urls, data, store, connection };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var dataDirectory = Path.GetFullPath(parseResult.GetValue(data)!);
            await DemoData.EnsureAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
            var app = QuellServer.Build([], options =>
            {
                options.Urls.Clear();
                foreach (var url in parseResult.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    options.Urls.Add(url);
                }
                options.DataDirectory = dataDirectory;
                if (parseResult.GetValue(store) is { } storeName) options.Store = QuellServer.ParseStore(storeName);
                if (parseResult.GetValue(connection) is { } connectionString) options.ConnectionString = connectionString;
                if (SampleWorkflows.Find() is { } samples) options.WorkflowDirectories.Add(samples);
            });
            await using (app.ConfigureAwait(false))
            {
                // The host's console lifetime turns SIGTERM/SIGINT into a graceful stop; RunAsync returns after it.
                await app.RunAsync().ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
