using BorderWatch.Data.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BorderWatch.Web.Security;

/// <summary>
/// Two ways to be allowed to write: an <c>X-Api-Key</c> header (tools, agents, feeds) or an analyst's sign-in cookie
/// (the pages). API routes answer 401 problem details; pages redirect to the sign-in page.
/// </summary>
public static class AuthorizationSetup
{
    public const string WritePolicy = "write";
    public const string CombinedScheme = "BorderWatch";

    public static IServiceCollection AddBorderWatchSecurity(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyRepository>();
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<ApiKeyBootstrapper>();
        services.TryAddKeyedSingleton(ApiKeyBootstrapper.OutputKey, Console.Out);

        services.AddAuthentication(CombinedScheme)
            .AddPolicyScheme(CombinedScheme, "API key or analyst cookie", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || IsApi(context.Request)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = "bw_analyst";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/login";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, policy => policy
                .AddAuthenticationSchemes(CombinedScheme)
                .RequireAuthenticatedUser()
                .RequireRole("ingest", "analyst", "admin"));
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
