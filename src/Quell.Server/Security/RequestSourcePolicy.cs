using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Quell.Server.Security;

/// <summary>
/// The <see cref="RequestSourceOptions"/> resolved against the addresses the server binds: which hosts it answers,
/// which browser origins may call it.
/// </summary>
internal sealed class RequestSourcePolicy
{
    private readonly StringSegment[] _hosts;
    private readonly HashSet<string> _origins;

    public RequestSourcePolicy(RequestSourceOptions options, bool loopbackOnly)
    {
        // Loopback names always reach the server (the CLI, health checks, a local browser); configured names add to
        // them. Beyond loopback with none configured any name is answered: API keys are required there.
        IEnumerable<string> hosts = options.AllowedHosts.Count > 0 || loopbackOnly
            ? RequestSourceOptions.LoopbackHosts.Concat(options.AllowedHosts).Distinct(StringComparer.OrdinalIgnoreCase)
            : ["*"];
        _hosts = [.. hosts.Select(host => new StringSegment(host))];
        _origins = new HashSet<string>(options.AllowedOrigins.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        AllowedHosts = [.. hosts];
    }

    /// <summary>The host patterns in force, for error messages and the start-up log.</summary>
    public IReadOnlyList<string> AllowedHosts { get; }

    /// <summary>The configured cross-origin callers (the server's own origin is always allowed).</summary>
    public IReadOnlyCollection<string> AllowedOrigins => _origins;

    /// <summary>
    /// True when the <c>Host</c> header names this server. Matching (any port, <c>*.</c> wildcards) is ASP.NET Core's
    /// host filtering's own, so an operator's patterns mean here what they mean there.
    /// </summary>
    public bool AllowsHost(HostString host) =>
        host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _hosts);

    /// <summary>
    /// True when a browser's <c>Origin</c> is the server's own (scheme and host as the request names them, the host
    /// already checked) or a configured one. <c>null</c> (sandboxed frames, file: pages) is never allowed.
    /// </summary>
    public bool AllowsOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        var normalized = Normalize(origin);
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(normalized, Normalize(own), StringComparison.OrdinalIgnoreCase) || _origins.Contains(normalized);
    }

    // An origin is scheme://host[:port] with the default port left out, whatever way it was written.
    private static string Normalize(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)
            : origin.Trim();
}
