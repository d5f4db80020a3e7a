using System.Security.Cryptography;
using System.Text;

namespace Quell.Server.Auth;

/// <summary>
/// The configured keys, held as SHA-256 digests. Lookup compares the digest of the presented key with every
/// entry in constant time and never stops early, so timing reveals neither a key's prefix nor its position.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly (byte[] Digest, string Owner)[] _entries;

    public ApiKeyRing(IEnumerable<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var entries = new List<(byte[], string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (string.IsNullOrWhiteSpace(key.Key) || string.IsNullOrWhiteSpace(key.Owner))
            {
                throw new InvalidOperationException($"{key} has an empty key or owner; every API key needs both.");
            }
            if (!seen.Add(key.Key))
            {
                throw new InvalidOperationException($"The same API key is configured twice ({key}).");
            }
            entries.Add((Digest(key.Key), key.Owner));
        }
        _entries = [.. entries];
    }

    /// <summary>True when keys are configured and every API call must present one.</summary>
    public bool IsEnabled => _entries.Length > 0;

    public bool TryGetOwner(string presented, out string owner)
    {
        var digest = Digest(presented);
        string? found = null;
        foreach (var (candidate, candidateOwner) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                found = candidateOwner;
            }
        }
        owner = found ?? "";
        return found is not null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
