using BorderWatch.Data.Alerts;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Alerts;
using BorderWatch.Web.Configuration;

namespace BorderWatch.Web.Dashboard;

/// <summary>The analyst's dashboard: live map, replay, crossing history and alerts.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddBorderWatchDashboard(this IServiceCollection services)
    {
        services.AddOptions<GazetteerOptions>().BindConfiguration(GazetteerOptions.SectionName);
        services.AddSingleton<ReadingHistoryRepository>();
        services.AddSingleton<AlertRepository>();
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        services.AddSingleton<DashboardFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardFeed>());
        return services;
    }
}
