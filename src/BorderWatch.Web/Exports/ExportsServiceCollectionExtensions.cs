using BorderWatch.Data.Exports;
using BorderWatch.Data.Summaries;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Endpoints;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Exports;

/// <summary>Registers the daily summaries, the exports and the scheduled export (issue #6).</summary>
public static class ExportsServiceCollectionExtensions
{
    public static IServiceCollection AddBorderWatchExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>();
        services.AddSingleton<DailySummaryRepository>();
        services.AddSingleton<ReadingExportRepository>();
        services.AddSingleton<ExportRunRepository>();
        services.AddSingleton<DailyExportJob>();
        services.AddHostedService<ScheduledExportService>();
        services.AddHttpClient(DailyExportJob.WebhookClient);
        return services;
    }

    public static IEndpointRouteBuilder MapBorderWatchExports(this IEndpointRouteBuilder app)
    {
        app.MapSummaryEndpoints();
        app.MapExportEndpoints();
        return app;
    }
}
