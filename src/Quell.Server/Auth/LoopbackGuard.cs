using System.Net;
using Microsoft.AspNetCore.Http;

namespace Quell.Server.Auth;

/// <summary>
/// Refuses to start a server without API keys on an address other machines can reach: without keys every caller
/// is the same owner and may cancel every job.
/// </summary>
internal static class LoopbackGuard
{
    public static void EnsureSafe(IEnumerable<string> urls, bool hasApiKeys)
    {
        if (hasApiKeys) return;
        var exposed = urls.Where(url => !IsLoopback(url)).ToList();
        if (exposed.Count == 0) return;
        throw new InvalidOperationException(
            $"Refusing to listen on {string.Join(", ", exposed)} without API keys: anyone who can reach it could " +
            "see and cancel every job. Configure keys (QUELL_API_KEYS=\"key1=alice;key2=bob\" or Quell:ApiKeys) " +
            "or bind a loopback address such as http://127.0.0.1:5080.");
    }

    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }
        if (address.IsUnixPipe || address.IsNamedPipe) return true;
        var host = address.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        // "*", "+", "0.0.0.0", "[::]" and host names all reach beyond this machine (or may).
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
