using System.Text;
using System.Text.Json;
using Quell.Cancellation;
using Quell.Hosting;

namespace Quell.Csv;

public sealed class CsvAnalyzeJobTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly CsvAnalyzeJob _job = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Computes_column_stats_for_a_known_file()
    {
        var path = _files.Write("known.csv", "name,amount,city\r\na,1.5,Paris\r\nb,,\"Berlin, DE\"\r\nc,-2,Paris\r\n\"d \"\"x\"\"\",10,\r\n", bom: true);

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [path] }, new RecordingJobContext());

        var file = Assert.Single(result.Files);
        Assert.True(file.Complete);
        Assert.Null(file.StoppedAtLine);
        Assert.Equal(4, file.Rows);
        Assert.Equal(new FileInfo(path).Length, file.Bytes);
        Assert.Equal(["name", "amount", "city"], file.Columns.Select(c => c.Name));
        var amount = file.Columns[1];
        Assert.Equal((3L, 1L, 3L, -2.0, 10.0), (amount.Count, amount.Empty, amount.NumericCount, amount.Min!.Value, amount.Max!.Value));
        Assert.Equal(9.5 / 3, amount.Mean!.Value, 12);
        var city = file.Columns[2];
        Assert.Equal((3L, 1L, 0L, 2L), (city.Count, city.Empty, city.NumericCount, city.DistinctEstimate));
        Assert.Null(city.Mean);
        Assert.Equal([new TopValue("Paris", 2, 0), new TopValue("Berlin, DE", 1, 0)], city.TopValues);
        Assert.Contains(file.Columns[0].TopValues, t => t.Value == "d \"x\"");
        Assert.Equal((4L, file.Bytes, 0), (result.TotalRows, result.TotalBytes, result.FailedFiles));
    }

    [Fact]
    public async Task Top_values_are_cut_to_a_hundred_characters()
    {
        var path = _files.Write("long.csv", "text\n" + new string('é', 150) + "\n");

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [path] }, new RecordingJobContext());

        Assert.Equal(new string('é', 100), Assert.Single(result.Files[0].Columns[0].TopValues).Value);
    }

    [Fact]
    public async Task Distinct_estimate_is_within_five_percent_on_100k_values()
    {
        var csv = new StringBuilder("id,bucket\n");
        for (var i = 0; i < 100_000; i++) csv.Append("customer-").Append(i).Append(',').Append(i % 10).Append('\n');
        var path = _files.Write("distinct.csv", csv.ToString());

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [path] }, new RecordingJobContext());

        var columns = result.Files[0].Columns;
        Assert.InRange(columns[0].DistinctEstimate, 95_000, 105_000);
        Assert.Equal(10, columns[1].DistinctEstimate);
    }

    [Fact]
    public async Task Progress_ends_at_the_exact_total_bytes_of_all_files()
    {
        var big = _files.PathOf("big.csv");
        await DemoCsv.WriteAsync(big, 30_000);
        var small = _files.Write("small.csv", "a\n1\n");
        var total = new FileInfo(big).Length + new FileInfo(small).Length;
        var context = new RecordingJobContext();

        await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [big, small] }, context);

        Assert.All(context.Progress, p => Assert.Equal(total, p.Total));
        Assert.Equal(total, context.Progress[^1].Current);
        Assert.Equal("small.csv: 1 rows", context.Progress[^1].Message);
        Assert.Contains(context.Progress, p => p.Message == "big.csv: 30,000 rows");
        Assert.Equal(context.Progress.Select(p => p.Current).Order(), context.Progress.Select(p => p.Current));
    }

    [Fact]
    public async Task Cancel_keeps_stats_of_rows_done_and_where_it_stopped()
    {
        var path = _files.PathOf("orders.csv");
        await DemoCsv.WriteAsync(path, 50_000);
        // Checkpoint 1 is before the file, 2 and 3 after its first two chunks.
        var context = new RecordingJobContext { CancelAtCheckpoint = 3 };

        var cancelled = await Assert.ThrowsAsync<JobCancelledException>(() => _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [path] }, context));

        Assert.Equal("chunk", cancelled.Checkpoint);
        var partial = Assert.Single(context.PartialFileStats);
        Assert.False(partial.Complete);
        Assert.Equal(2 * 8_192, partial.Rows);
        Assert.Equal(partial.Rows, context.CompletedItems);
        Assert.True(partial.StoppedAtLine > partial.Rows + 1);
        Assert.Equal(7, partial.Columns.Count);
        Assert.Equal(partial.Rows, partial.Columns[0].Count + partial.Columns[0].Empty);
    }

    [Fact]
    public async Task Host_shutdown_stops_at_the_next_chunk_boundary_with_partial_results()
    {
        var first = _files.Write("first.csv", "a\n1\n2\n");
        var second = _files.PathOf("second.csv");
        await DemoCsv.WriteAsync(second, 30_000);
        var context = new RecordingJobContext { ShutdownAtCheckpoint = 2 };

        var stopped = await Assert.ThrowsAsync<JobCancelledException>(() => _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [first, second] }, context));

        Assert.Equal(context.ShutdownToken, stopped.CancellationToken);
        Assert.Equal(["file", "file"], context.Checkpoints);
        Assert.Equal(["first.csv", "second.csv"], context.PartialFileStats.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(2 + 8_192, context.CompletedItems);
    }

    [Fact]
    public async Task Missing_file_is_a_failure_naming_the_file_and_other_files_are_still_done()
    {
        var missing = _files.PathOf("missing.csv");
        var good = _files.Write("good.csv", "a,b\n1,2\n");
        var context = new RecordingJobContext();

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [missing, good] }, context);

        var failure = Assert.Single(context.Failures);
        Assert.Equal((0L, $"{missing}: file not found"), failure);
        Assert.Equal(failure.Error, result.Files[0].Error);
        Assert.False(result.Files[0].Complete);
        Assert.True(result.Files[1].Complete);
        Assert.Equal((1L, 1), (result.TotalRows, result.FailedFiles));
    }

    [Fact]
    public async Task Ragged_row_is_a_failure_naming_file_and_line()
    {
        var ragged = _files.Write("ragged.csv", "a,b,c\n1,2,3\n\"multi\nline\",2,3\n1,2,3,4\n7,8,9\n");
        var good = _files.Write("good.csv", "x\n1\n");
        var context = new RecordingJobContext();

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [ragged, good] }, context);

        var expected = $"{ragged} line 5: row has 4 fields, header has 3";
        Assert.Equal((0L, expected), Assert.Single(context.Failures));
        var file = result.Files[0];
        Assert.Equal((expected, 2L, 5L, false), (file.Error, file.Rows, file.StoppedAtLine, file.Complete));
        Assert.Equal(2, file.Columns[0].Count);
        Assert.True(result.Files[1].Complete);
    }

    [Fact]
    public async Task Unterminated_quote_is_a_failure_naming_file_and_line()
    {
        var path = _files.Write("open.csv", "a,b\n1,\"open\n2,3\n");
        var good = _files.Write("good.csv", "x\n1\n");

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [path, good] }, new RecordingJobContext());

        Assert.Equal($"{path} line 2: a quoted field is not closed before the end of the file", result.Files[0].Error);
    }

    [Fact]
    public async Task Every_file_failing_fails_the_job()
    {
        var missing = _files.PathOf("missing.csv");
        var ragged = _files.Write("ragged.csv", "a,b\n1\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [missing, ragged] }, new RecordingJobContext()));

        Assert.Contains($"{missing}: file not found", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{ragged} line 2: row has 1 fields, header has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_is_camel_case_json()
    {
        var path = _files.Write("a.csv", "a\n1\n");

        var result = await _job.ExecuteAsync(new CsvAnalyzeInput { Paths = [path] }, new RecordingJobContext());

        var json = JsonSerializer.Serialize(result, QuellBuilder.HandlerJsonOptions);
        Assert.Contains("\"files\":[{\"path\":", json, StringComparison.Ordinal);
        Assert.Contains("\"distinctEstimate\":1", json, StringComparison.Ordinal);
    }
}
