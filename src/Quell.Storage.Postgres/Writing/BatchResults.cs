using Npgsql;

namespace Quell.Storage.Postgres.Writing;

/// <summary>
/// Walks the result sets of one <see cref="NpgsqlBatch"/> in order, one per statement that returns rows (Npgsql
/// skips those that return none): each pipelined operation takes the sets of its own statements, in the order it
/// added them.
/// </summary>
internal sealed class BatchResults(NpgsqlDataReader reader)
{
    private bool _started;

    /// <summary>Moves to the next statement's rows; the reader is positioned before its first row.</summary>
    public async Task<NpgsqlDataReader> NextAsync()
    {
        if (!_started)
        {
            _started = true; // ExecuteReader left the reader on the first result set
            return reader;
        }
        if (!await reader.NextResultAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("A pipelined operation expected more result sets than its batch returned.");
        }
        return reader;
    }
}
