using System.ComponentModel.DataAnnotations;

namespace Quell.Storage.Postgres;

/// <summary>Which PostgreSQL database and schema hold the jobs, and how the node's writer batches.</summary>
public sealed class PostgresJobStoreOptions
{
    internal const string SchemaPattern = "^[a-z_][a-z0-9_]{0,55}$";

    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>). Its search path is replaced by <see cref="Schema"/>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema that holds Quell's tables; created when missing. Lower-case letters, digits and underscores, at most
    /// 56 (the notification channel is the schema name and <c>_events</c>, within PostgreSQL's 63).
    /// </summary>
    [Required]
    [RegularExpression(SchemaPattern)]
    public string Schema { get; set; } = "quell";

    /// <summary>The most write operations this node's writer commits in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1024;
}
