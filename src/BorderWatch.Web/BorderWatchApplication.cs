using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Data;
using BorderWatch.Data.Audit;
using BorderWatch.Data.Crossings;
using BorderWatch.Data.Readings;
using BorderWatch.Vision.Environment;
using BorderWatch.Web.Components;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Dashboard;
using BorderWatch.Web.Demo;
using BorderWatch.Web.Embeds;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Exports;
using BorderWatch.Web.Hubs;
using BorderWatch.Web.Images;
using BorderWatch.Web.Ingest;
using BorderWatch.Web.Live;
using BorderWatch.Web.Reports;
using BorderWatch.Web.Security;
using BorderWatch.Web.Startup;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BorderWatch.Web;

/// <summary>Builds the BorderWatch web application: services, middleware and endpoints, in one place.</summary>
public static class BorderWatchApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Running from a build (not a publish), static web assets live in the repository and packages; serve them
        // in any environment, not only Development. Published apps have no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddBorderWatch(builder.Configuration, builder.Environment);

        var app = builder.Build();
        app.UseBorderWatch();
        return app;
    }

    public static IServiceCollection AddBorderWatch(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateOnStart();
        services.AddOptions<MapOptions>().Bind(configuration.GetSection(MapOptions.SectionName)).ValidateOnStart();
        services.AddOptions<EstimateOptions>().Bind(configuration.GetSection(EstimateOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        services.AddSingleton<IValidateOptions<MapOptions>, MapOptionsValidator>();
        services.AddSingleton<IValidateOptions<EstimateOptions>, EstimateOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Gazetteer>(_ => GazetteerOptions.Load(configuration, environment.ContentRootPath));
        services.AddSingleton<ReadingValidator>();
        services.AddSingleton(_ => VisionEnvironment.Check());

        // Data
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, environment.ContentRootPath));
        services.AddSingleton<CrossingRepository>();
        services.AddSingleton<ReadingRepository>();
        services.AddSingleton<AuditRepository>();

        // Ingest, estimates, live updates
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<EstimateStore>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<StartupState>();
        services.AddSingleton<DemoSeeder>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        services.AddHostedService<HubForwarder>();
        services.AddHostedService<EstimateRefresher>();
        services.AddHostedService<DatabaseMaintenance>();
        services.AddHostedService<DemoSimulator>();

        services.AddBorderWatchSecurity();
        services.AddBorderWatchRateLimits();
        services.AddBorderWatchEmbeds(configuration);
        services.AddBorderWatchDashboard();
        services.AddBorderWatchReports(configuration);
        services.AddBorderWatchExports(configuration);
        services.AddBorderWatchImages(configuration);

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => BorderWatchJson.Configure(options.SerializerOptions));
        services.AddSignalR().AddJsonProtocol(options => BorderWatchJson.Configure(options.PayloadSerializerOptions));
        services.AddBorderWatchOpenApi();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<Components.Layout.ThemeStylesheet>();
        return services;
    }

    public static WebApplication UseBorderWatch(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePages();
        app.UseBorderWatchEmbeds();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapBorderWatchOpenApi();

        app.MapHealthEndpoints();
        app.MapCrossingEndpoints();
        app.MapReadingEndpoints();
        app.MapAccountEndpoints();
        app.MapReportEndpoints();
        app.MapBorderWatchExports();
        app.MapImageAndCameraEndpoints();
        app.MapHub<QueuesHub>(QueuesHub.Route).RequireCors(EmbedCors.HubPolicy);

        // Blazor would allow framing by the same origin; only the embeds may be framed (see FramingPolicy).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = FramingPolicy.FrameAncestorsNone);
        return app;
    }
}
