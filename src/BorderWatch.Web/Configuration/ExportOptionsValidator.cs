using System.Globalization;
using BorderWatch.Web.Exports;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Configuration;

/// <summary>Reports every mistake in the <c>Exports</c> section at once, at start.</summary>
internal sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        var errors = new List<string>();
        if (!TimeOnly.TryParseExact(options.ScheduleTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"Exports:ScheduleTime must be a local time as HH:mm (e.g. \"06:00\"), not '{options.ScheduleTime}'.");
        }

        if (Core.Summaries.LocalDays.FindZone(options.ScheduleTimeZone ?? "") is null)
        {
            errors.Add($"Exports:ScheduleTimeZone must be an IANA time zone such as \"Europe/Helsinki\" or \"UTC\", not '{options.ScheduleTimeZone}'.");
        }

        var formats = (options.Formats ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (formats.Length == 0)
        {
            errors.Add("Exports:Formats must name at least one format: csv, xlsx, json, geojson.");
        }

        foreach (var format in formats.Where(f => !ExportFormats.TryParse(f, out ExportFormat _)))
        {
            errors.Add($"Exports:Formats has '{format}'; the formats are csv, xlsx, json and geojson.");
        }

        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            errors.Add("Exports:Directory is empty; e.g. \"data/exports\".");
        }

        if (!string.IsNullOrEmpty(options.WebhookUrl)
            && (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            // The URL may hold a token: say what is wrong without repeating it.
            errors.Add("Exports:WebhookUrl must be an absolute http or https URL.");
        }

        if (!string.IsNullOrEmpty(options.WebhookSecret) && options.WebhookSecret.Length < 16)
        {
            errors.Add("Exports:WebhookSecret must be at least 16 characters (or empty for no signature).");
        }

        if (options.WebhookTimeoutSeconds is < 1 or > 600)
        {
            errors.Add("Exports:WebhookTimeoutSeconds must be between 1 and 600.");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            errors.Add("Exports:MaxAttempts must be between 1 and 10.");
        }

        if (options.RetryDelaySeconds is < 0 or > 3600)
        {
            errors.Add("Exports:RetryDelaySeconds must be between 0 and 3600.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
