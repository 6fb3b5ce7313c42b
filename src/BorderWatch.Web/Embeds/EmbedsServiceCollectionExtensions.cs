using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Embeds;

/// <summary>Registers and maps the widgets journalists embed: cards, the map, oEmbed and badges.</summary>
public static class EmbedsServiceCollectionExtensions
{
    public static IServiceCollection AddBorderWatchEmbeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbedCapacityOptions>().Bind(configuration.GetSection(EmbedCapacityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbedCapacityOptions>, EmbedCapacityOptionsValidator>();
        services.AddSingleton<HubConnectionCounter>();
        services.AddSingleton<EmbedCardStore>();
        services.AddSingleton<EmbedAssets>();
        services.AddSingleton<EmbedDocuments>();
        services.AddEmbedCors();
        return services;
    }

    /// <summary>
    /// The framing policy and CORS (early in the pipeline, so they cover every response) and the widget endpoints.
    /// </summary>
    public static WebApplication UseBorderWatchEmbeds(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseFramingPolicy();
        app.UseCors();
        app.MapEmbedEndpoints();
        app.MapOEmbedEndpoints();
        app.MapBadgeEndpoints();
        return app;
    }
}
