namespace Quell.Server;

/// <summary>Which job store <c>quell serve</c> runs on (<c>Quell:Store</c>, <c>--store</c>).</summary>
public enum QuellStoreKind
{
    /// <summary>The embedded SQLite file in the data directory: one node. The default.</summary>
    Sqlite,

    /// <summary>PostgreSQL at <c>ConnectionStrings:Quell</c> (<c>--connection</c>): any number of nodes on one database.</summary>
    Postgres,
}
