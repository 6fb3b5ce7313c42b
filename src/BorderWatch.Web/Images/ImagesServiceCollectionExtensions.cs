using BorderWatch.Data.Cameras;
using BorderWatch.Data.Images;
using BorderWatch.Vision;
using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Imaging;
using BorderWatch.Web.Cameras;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Images;

/// <summary>Wiring of images and cameras: the vision engine, uploads, camera feeds, and their endpoints.</summary>
public static class ImagesServiceCollectionExtensions
{
    public static IServiceCollection AddBorderWatchImages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImageLimits>().Bind(configuration.GetSection(ImageLimits.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ImageLimits>, ImageLimitsValidator>();
        services.AddOptions<CameraFeedOptions>().Bind(configuration.GetSection(CameraFeedOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CameraFeedOptions>, CameraFeedOptionsValidator>();

        // An operator may point at another cascade folder (Vision:CascadeDirectory); the status, and /healthz with it,
        // must then describe that folder. Read through options at first use, when all configuration is loaded.
        services.Replace(ServiceDescriptor.Singleton(sp =>
            sp.GetRequiredService<IOptions<ImageLimits>>().Value.CascadeDirectory is { Length: > 0 } cascades
                ? VisionEnvironment.Check(cascades)
                : VisionEnvironment.Check()));

        services.AddSingleton(sp => new VisionEngine(sp.GetRequiredService<IOptions<ImageLimits>>().Value, sp.GetRequiredService<VisionStatus>()));
        services.AddSingleton<IVisionEngine>(sp => sp.GetRequiredService<VisionEngine>());
        services.AddSingleton<ImageRepository>();
        services.AddSingleton<CameraRepository>();
        services.AddSingleton<ImageFileStore>();
        services.AddSingleton<ImageIngest>();
        services.AddHttpClient(CameraFeedPoller.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("BorderWatch/1.0 (+queue monitoring)");
        });
        services.AddSingleton<CameraFeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraFeedPoller>());
        return services;
    }

    public static IEndpointRouteBuilder MapImageAndCameraEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapImageEndpoints(app.Services.GetRequiredService<IOptions<ImageLimits>>().Value);
        app.MapCameraEndpoints();
        return app;
    }

    private sealed class ImageLimitsValidator : IValidateOptions<ImageLimits>
    {
        public ValidateOptionsResult Validate(string? name, ImageLimits options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
