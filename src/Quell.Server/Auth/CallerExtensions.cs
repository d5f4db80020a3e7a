using System.Security.Claims;

namespace Quell.Server.Auth;

/// <summary>The owner a request acts for.</summary>
internal static class CallerExtensions
{
    /// <summary>The authenticated owner; routes under <c>/api</c> always have one.</summary>
    public static string Owner(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The request is not authenticated.");
}
