using BorderWatch.Core.Crossings;
using BorderWatch.Core.Reports;
using BorderWatch.Data.Feeds;
using BorderWatch.Data.Reports;
using BorderWatch.Web.Reports.Feeds;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Reports;

/// <summary>Wiring of issue 4: report extraction, dedup, the review queue and feed polling.</summary>
public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddBorderWatchReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>();

        // The lexicon takes ~0.1 s to compile; the built-in gazetteer shares the one compiled instance.
        services.AddSingleton(sp => sp.GetRequiredService<Gazetteer>() is var gazetteer && ReferenceEquals(gazetteer, Gazetteer.Default)
            ? ReportExtractor.Default
            : ReportExtractor.Create(gazetteer));
        services.AddSingleton<ReportInputValidator>();
        services.AddSingleton<ReportRepository>();
        services.AddSingleton<ReviewRepository>();
        services.AddSingleton<FeedStateRepository>();
        services.AddSingleton<ReportIngest>();
        services.AddSingleton<ReviewService>();

        services.AddHttpClient(FeedPoller.HttpClientName, (sp, client) =>
        {
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<FeedOptions>>().Value.TimeoutSeconds);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("BorderWatch/1.0 (queue monitoring; feed reader)");
        });
        services.AddSingleton<FeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedPoller>());
        return services;
    }
}
