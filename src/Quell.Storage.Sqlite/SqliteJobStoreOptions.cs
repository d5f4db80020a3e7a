using System.ComponentModel.DataAnnotations;

namespace Quell.Storage.Sqlite;

/// <summary>Where the SQLite store keeps its file, and how its single writer batches.</summary>
public sealed class SqliteJobStoreOptions
{
    /// <summary>The directory that holds the database file and its lock file. Created when missing.</summary>
    [Required]
    public string DataDirectory { get; set; } = "quell-data";

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    [Required]
    public string FileName { get; set; } = "quell.db";

    /// <summary>The most write operations the writer commits in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>
    /// Opens an existing store for reading only: no lock, no writer, no migration, no recovery, so it can be read
    /// while another process (a running <c>quell serve</c>) owns the directory. Every write throws.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// The writer's page cache in KiB. SQLite fills it as the file grows, so it is resident memory: 4 MiB keeps the
    /// hot pages (pending jobs, the newest events) cached without dominating a small server's footprint.
    /// </summary>
    [Range(256, 4_194_304)]
    public int WriterCacheKiB { get; set; } = 4096;
}
