using System.Security.Claims;
using System.Text.Encodings.Web;
using BorderWatch.Data.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Security;

/// <summary>Authenticates requests that carry an <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString();
        var info = await validator.ValidateAsync(key, Context.RequestAborted);
        if (info is null)
        {
            // Never log the presented key: it may be a real key with a typo.
            return AuthenticateResult.Fail("The API key is not valid or was revoked.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ApiKeyPrincipal.Create(info, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{HeaderName} realm=\"BorderWatch\"";
        await Results.Problem(
            title: "An API key is required",
            detail: result.Failure is not null
                ? "The X-Api-Key header holds a key that is not valid or was revoked."
                : "Send an ingest key in the X-Api-Key header, or sign in as an analyst.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            title: "Not allowed",
            detail: "This API key may not do that.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}

/// <summary>Checks API keys against the database, remembering answers briefly so ingest does not hash-and-query per request.</summary>
public sealed class ApiKeyValidator(ApiKeyRepository keys, IMemoryCache cache)
{
    /// <summary>A revoked key stops working within this time.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<ApiKeyInfo?> ValidateAsync(string key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var cacheKey = "apikey:" + ApiKeyRepository.Hash(key);
        if (cache.TryGetValue(cacheKey, out ApiKeyInfo? cached))
        {
            return cached;
        }

        var info = await keys.FindActiveAsync(key, cancellationToken);
        cache.Set(cacheKey, info, CacheFor);
        return info;
    }

    public void Forget(string key) => cache.Remove("apikey:" + ApiKeyRepository.Hash(key));
}

/// <summary>Claims carried by a request authenticated with a key (or a signed-in analyst who used one).</summary>
public static class ApiKeyPrincipal
{
    public const string KeyIdClaim = "bw:key_id";

    public static ClaimsPrincipal Create(ApiKeyInfo info, string scheme)
    {
        ArgumentNullException.ThrowIfNull(info);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, info.Name),
                new Claim(ClaimTypes.Role, info.Role),
                new Claim(KeyIdClaim, info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            scheme);
        return new ClaimsPrincipal(identity);
    }

    public static long? KeyId(this ClaimsPrincipal user) =>
        long.TryParse(user?.FindFirst(KeyIdClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string ActorName(this ClaimsPrincipal user) => user?.Identity?.Name ?? "anonymous";
}
