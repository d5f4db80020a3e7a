namespace Quell.Files;

/// <summary>A path a caller named leads outside the directories the server may use on its behalf.</summary>
public sealed class PathNotAllowedException : UnauthorizedAccessException
{
    /// <summary>Creates the exception with a message that names the path and the setting, never the target.</summary>
    public PathNotAllowedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PathNotAllowedException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public PathNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
