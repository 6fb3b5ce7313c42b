using BorderWatch.Data;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Configuration;

/// <summary>Reports every configuration mistake at once, at start, instead of failing later one by one.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (!string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(string.Equals(options.Provider, "postgres", StringComparison.OrdinalIgnoreCase)
                ? "Storage:Provider 'postgres' is planned but not available in this version; use 'sqlite'."
                : $"Storage:Provider must be 'sqlite' (or, later, 'postgres'), not '{options.Provider}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Storage:ConnectionString is empty; e.g. \"Data Source=data/borderwatch.db\".");
        }

        if (string.IsNullOrWhiteSpace(options.ImageDirectory))
        {
            errors.Add("Storage:ImageDirectory is empty; e.g. \"data/images\".");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        options.BootstrapApiKey is { Length: > 0 } key && (key.Length < SecurityOptions.MinimumKeyLength || key.Any(char.IsWhiteSpace))
            ? ValidateOptionsResult.Fail($"Security:BootstrapApiKey must be at least {SecurityOptions.MinimumKeyLength} characters without spaces.")
            : options.AnonymousRequestsPerMinute < 0
                ? ValidateOptionsResult.Fail("Security:AnonymousRequestsPerMinute must be 0 (no limit) or more.")
                : ValidateOptionsResult.Success;
}

internal sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        options.SimulateIntervalSeconds is < 0.05 or > 3600
            ? ValidateOptionsResult.Fail("Demo:SimulateIntervalSeconds must be between 0.05 and 3600.")
            : ValidateOptionsResult.Success;
}

internal sealed class EstimateOptionsValidator : IValidateOptions<EstimateOptions>
{
    public ValidateOptionsResult Validate(string? name, EstimateOptions options)
    {
        var errors = new List<string>();
        if (options.StaleAfterMinutes is <= 0 or > 60 * 24 * 30)
        {
            errors.Add("Estimates:StaleAfterMinutes must be between 0 and 43200.");
        }

        if (options.RefreshSeconds is < 1 or > 3600)
        {
            errors.Add("Estimates:RefreshSeconds must be between 1 and 3600.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class MapOptionsValidator : IValidateOptions<MapOptions>
{
    public ValidateOptionsResult Validate(string? name, MapOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TileUrl))
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!options.TileUrl.Contains("{z}", StringComparison.Ordinal) || !options.TileUrl.Contains("{x}", StringComparison.Ordinal) || !options.TileUrl.Contains("{y}", StringComparison.Ordinal))
        {
            errors.Add("Map:TileUrl must contain {z}, {x} and {y}.");
        }

        if (string.IsNullOrWhiteSpace(options.TileAttribution))
        {
            errors.Add("Map:TileAttribution is required with Map:TileUrl: tile providers require their attribution.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
