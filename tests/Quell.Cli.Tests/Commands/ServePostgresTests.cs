using System.Text.Json;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary><c>quell serve --store postgres</c> as a real process on a real PostgreSQL.</summary>
public sealed class ServePostgresTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [PostgresServeFact]
    public async Task A_job_submitted_over_http_completes_and_lives_in_postgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var csv = WriteCsv("small.csv", rows: 1_000);
        await using var serve = await ServeProcess.StartAsync(_dir.File("data"),
            arguments: ["--store", "postgres", "--connection", database.ConnectionString]);

        var id = await serve.SubmitCsvAnalyzeAsync(csv);
        var job = await serve.WaitForJobAsync(id, j => j.Text("status") is "completed" or "failed" or "cancelled", Generous);

        Assert.Equal("completed", job.Text("status"));
        Assert.Equal("completed", await database.ScalarAsync<string>("SELECT status FROM jobs WHERE id = @id", ("id", id)));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE job_id = @id AND type = 'job.started'", ("id", id)));
        Assert.False(File.Exists(Path.Combine(_dir.File("data"), "quell.db")), "the SQLite store was opened as well");
    }

    [PostgresServeFact]
    public async Task The_store_is_chosen_by_configuration_too()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var csv = WriteCsv("small.csv", rows: 100);
        await using var serve = await ServeProcess.StartAsync(_dir.File("data"), environment: new Dictionary<string, string>
        {
            ["Quell__Store"] = "postgres",
            ["ConnectionStrings__Quell"] = database.ConnectionString,
        });

        var id = await serve.SubmitCsvAnalyzeAsync(csv);
        await serve.WaitForJobAsync(id, j => j.Text("status") == "completed", Generous);

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE id = @id", ("id", id)));
    }

    [ServeFact]
    public async Task Postgres_without_a_connection_string_fails_at_start_with_a_clear_message()
    {
        var result = await Infrastructure.Quell.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--data", _dir.File("data"), "--store", "postgres");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--connection", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Quell", result.ToString(), StringComparison.Ordinal);
    }

    private string WriteCsv(string name, int rows)
    {
        var path = _dir.File(name);
        using var writer = new StreamWriter(path);
        writer.WriteLine("id,amount,region");
        for (var i = 0; i < rows; i++) writer.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i},{i * 1.5},r{i % 4}"));
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
