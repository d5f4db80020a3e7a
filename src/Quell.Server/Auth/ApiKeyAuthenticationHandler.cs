using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Quell.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>; the key's owner
/// becomes the caller's name. Without configured keys every caller is <see cref="LocalOwner"/>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing ring,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string LocalOwner = "local";
    public const string ApiKeyHeader = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ring.IsEnabled) return Task.FromResult(Success(LocalOwner));
        var presented = ReadKey(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(ring.TryGetOwner(presented, out var owner)
            ? Success(owner)
            : AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = ReadKey(Request) is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented
            ? "Bearer realm=\"quell\", error=\"invalid_token\""
            : "Bearer realm=\"quell\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = presented
                    ? "The API key is not valid."
                    : $"Send an API key as 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'.",
            },
        });
    }

    private static string? ReadKey(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            if (token.Length > 0) return token;
        }
        string? header = request.Headers[ApiKeyHeader];
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private static AuthenticateResult Success(string owner)
    {
        // The MCP SDK binds a stateful session to its user by NameIdentifier: another key cannot use the session.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, owner), new Claim(ClaimTypes.NameIdentifier, owner)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
