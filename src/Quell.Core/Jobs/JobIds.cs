namespace Quell.Jobs;

/// <summary>The rule for ids that callers choose (<see cref="JobSubmission.Id"/>): safe in URLs, paths and logs.</summary>
public static class JobIds
{
    /// <summary>The longest accepted id.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="id"/> is 1–128 of <c>[A-Za-z0-9._:-]</c> and starts with a letter or digit.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0])) return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '-')) return false;
        }
        return true;
    }
}
