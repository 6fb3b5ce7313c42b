using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BorderWatch.Web.Endpoints;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and the browsable reference (<c>/api/reference</c>).</summary>
public static class OpenApiSetup
{
    private const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddBorderWatchOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "BorderWatch API";
                document.Info.Description =
                    "Queues at border crossings: crossings with their current estimate, readings with their sources. " +
                    "Writes need an ingest key in the X-Api-Key header. Errors are RFC 7807 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An ingest key (printed once on first start, or Security:BootstrapApiKey).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Endpoints behind the write policy say so, so the reference page offers the key field.
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [],
                    });
                }

                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapBorderWatchOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        // Everything the reference page needs is served from this app: no web fonts, telemetry or AI agent calls out.
        app.MapScalarApiReference("/api/reference", options => options
            .WithTitle("BorderWatch API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(ApiKeyScheme));
        return app;
    }
}
