using System.ComponentModel.DataAnnotations;

namespace Quell.Storage.Postgres;

/// <summary>Which PostgreSQL database and schema hold the jobs, and how the node's writer batches.</summary>
public sealed class PostgresJobStoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>). Its search path is replaced by <see cref="Schema"/>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema that holds Quell's tables; created when missing. Lower-case letters, digits and underscores.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "quell";

    /// <summary>The most write operations this node's writer commits in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1024;
}
