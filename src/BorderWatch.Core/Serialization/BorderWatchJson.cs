using System.Text.Json;
using System.Text.Json.Serialization;

namespace BorderWatch.Core.Serialization;

/// <summary>The JSON conventions of every BorderWatch contract: camelCase names, lowercase enum names, ISO 8601 times.</summary>
public static class BorderWatchJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to options owned by a framework (ASP.NET Core, SignalR).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
