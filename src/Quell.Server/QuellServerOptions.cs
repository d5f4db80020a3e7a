using Quell.Hosting;
using Quell.Server.Auth;
using Quell.Server.Security;

namespace Quell.Server;

/// <summary>
/// Settings of the Quell HTTP server. <see cref="QuellServer.Build"/> fills them from configuration
/// (<c>urls</c>, <c>Quell:DataDirectory</c>, <c>Quell:Store</c>, <c>ConnectionStrings:Quell</c>, <c>Quell:ApiKeys</c>, <c>QUELL_API_KEYS</c>,
/// <c>Quell:AllowedHosts</c>, <c>Quell:AllowedOrigins</c>) before the caller's
/// callback runs, so code overrides configuration.
/// </summary>
public sealed class QuellServerOptions
{
    /// <summary>The address the server listens on when nothing else is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The addresses Kestrel binds, such as <c>http://127.0.0.1:5080</c>. Port 0 picks a free port.</summary>
    public IList<string> Urls { get; } = new List<string>();

    /// <summary>Where the store and job temp directories live; null keeps <c>Quell:DataDirectory</c> (or its default).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The job store: the embedded SQLite file (default) or PostgreSQL at <see cref="ConnectionString"/>.</summary>
    public QuellStoreKind Store { get; set; } = QuellStoreKind.Sqlite;

    /// <summary>The PostgreSQL connection string (<c>ConnectionStrings:Quell</c>); required when <see cref="Store"/> is PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The accepted API keys, each with the owner it stands for. When empty, every caller is the owner
    /// <c>local</c> and the server only binds loopback addresses.
    /// </summary>
    public IList<ApiKey> ApiKeys { get; } = new List<ApiKey>();

    /// <summary>
    /// Directories whose CSV files callers may analyse with <c>csv.analyze</c> (also <c>Quell:Csv:AllowedRoots</c>).
    /// When none are configured the server allows its working directory and its data directory, never the whole disk.
    /// </summary>
    public IList<string> CsvAllowedRoots { get; } = new List<string>();

    /// <summary>
    /// Directories whose workflow files (<c>.yaml</c>, <c>.bpmn</c>) are loaded into the catalog when the server
    /// starts, such as the samples <c>quell serve</c> ships with. A file that does not load is logged and skipped.
    /// </summary>
    public IList<string> WorkflowDirectories { get; } = new List<string>();

    /// <summary>
    /// The <c>Host</c> and <c>Origin</c> headers accepted (<c>Quell:AllowedHosts</c>, <c>Quell:AllowedOrigins</c>);
    /// by default a loopback server answers only loopback host names and same-origin pages.
    /// </summary>
    public RequestSourceOptions RequestSources { get; } = new();

    /// <summary>Registers job types (and optionally another store) on the Quell runtime.</summary>
    public Action<QuellBuilder>? ConfigureQuell { get; set; }
}
