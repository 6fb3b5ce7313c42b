using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Cameras;

/// <summary>How camera feeds are polled (configuration section <c>Cameras</c>).</summary>
public sealed class CameraFeedOptions
{
    public const string SectionName = "Cameras";

    /// <summary>Poll camera feeds at all (default true).</summary>
    public bool PollFeeds { get; set; } = true;

    /// <summary>How often the poller looks for cameras that are due, in seconds (default 5).</summary>
    public double TickSeconds { get; set; } = 5;

    /// <summary>Longest wait after repeated failures, in seconds (default one hour).</summary>
    public double MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>Sent as the Digitraffic-User header, as Fintraffic asks of API users.</summary>
    public string DigitrafficUser { get; set; } = "BorderWatch";
}

internal sealed class CameraFeedOptionsValidator : IValidateOptions<CameraFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, CameraFeedOptions options)
    {
        var errors = new List<string>();
        if (options.TickSeconds is < 0.1 or > 600)
        {
            errors.Add("Cameras:TickSeconds must be between 0.1 and 600.");
        }

        if (options.MaxBackoffSeconds is < 10 or > 86_400)
        {
            errors.Add("Cameras:MaxBackoffSeconds must be between 10 and 86400.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
