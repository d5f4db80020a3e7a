namespace Quell.Server.Auth;

/// <summary>An API key and the owner whose jobs it may see and cancel.</summary>
public sealed class ApiKey
{
    /// <summary>Creates an empty entry (for configuration binding).</summary>
    public ApiKey()
    {
    }

    /// <summary>Creates an entry.</summary>
    public ApiKey(string key, string owner)
    {
        Key = key;
        Owner = owner;
    }

    /// <summary>The secret the caller presents as <c>Authorization: Bearer</c> or <c>X-Api-Key</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>The owner the key stands for.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Shows the owner only: keys must not end up in logs.</summary>
    public override string ToString() => $"ApiKey(owner: {Owner})";
}
