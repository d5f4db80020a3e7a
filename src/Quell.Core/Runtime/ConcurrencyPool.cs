using Quell.Jobs;

namespace Quell.Runtime;

/// <summary>
/// Slots jobs run in on a node: the shared pool (every type without a limit of its own, <c>MaxConcurrency</c>
/// slots) and one pool per type with its own <see cref="JobTypeOptions.MaxConcurrency"/>. The dispatcher claims for
/// each pool separately, so a full pool never keeps another's jobs waiting.
/// </summary>
internal sealed record ConcurrencyPool(string Key, int Size, string[] Types)
{
    /// <summary>The key of the pool the types without a limit of their own share.</summary>
    public const string Shared = "";

    public static string KeyOf(string type, JobTypeOptions? options) => options?.MaxConcurrency is null ? Shared : type;

    /// <summary>The pools for the registered types; pools without types are left out.</summary>
    public static IReadOnlyList<ConcurrencyPool> For(IReadOnlyDictionary<string, JobTypeOptions> types, int sharedSize) =>
    [
        .. types.GroupBy(entry => KeyOf(entry.Key, entry.Value), StringComparer.Ordinal)
            .Select(pool => new ConcurrencyPool(
                pool.Key,
                pool.Key == Shared ? sharedSize : pool.First().Value.MaxConcurrency!.Value,
                [.. pool.Select(entry => entry.Key).Order(StringComparer.Ordinal)]))
            .OrderBy(pool => pool.Key, StringComparer.Ordinal),
    ];
}
