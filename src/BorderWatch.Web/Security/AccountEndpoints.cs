using BorderWatch.Data.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace BorderWatch.Web.Security;

/// <summary>Analyst sign-in with an API key (a cookie for the pages) and sign-out.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignIn).ExcludeFromDescription();
        app.MapPost("/account/logout", (Delegate)SignOut).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignIn(
        [FromForm] string? apiKey, [FromForm] string? returnUrl, HttpContext context, ApiKeyValidator validator, AuditRepository audit, TimeProvider time)
    {
        var target = SafeReturnUrl(returnUrl);
        var info = apiKey is null ? null : await validator.ValidateAsync(apiKey.Trim(), context.RequestAborted);
        if (info is null)
        {
            return TypedResults.Redirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ApiKeyPrincipal.Create(info, CookieAuthenticationDefaults.AuthenticationScheme));
        await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), info.Name, "analyst.signed-in", "api_key", info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<IResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>Only local paths: an open redirect would let phishing pages borrow our sign-in.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
