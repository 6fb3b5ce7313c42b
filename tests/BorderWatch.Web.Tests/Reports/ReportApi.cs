using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Reports;

/// <summary>Small helpers for the report and review routes.</summary>
internal static class ReportApi
{
    public static async Task<JsonElement> PostReportAsync(this HttpClient client, object report, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync("api/reports", report, BorderWatchJson.Options);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static async Task<JsonElement> EstimateAsync(this HttpClient client, string slug) =>
        (await client.GetFromJsonAsync<JsonElement>($"api/crossings/{slug}")).GetProperty("estimate");

    public static async Task<long> CountAsync(this BorderWatchServer server, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
