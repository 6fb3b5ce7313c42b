using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>
/// One real server with known readings, posted through the API (so they go through ingest and the summary triggers):
/// the Moscow day of the data tests, a Tbilisi reading whose local day is the next UTC day, and a Finnish day with
/// awkward source names.
/// </summary>
public sealed class ExportFixture : IAsyncLifetime
{
    public BorderWatchServer Server { get; } = new();

    public HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Client = Server.CreateApiClient(withKey: false);
        object[] readings =
        [
            new { crossing = "upper-lars", observedAt = "2022-09-25T05:10:00Z", vehicles = 10, queueKm = 1, kind = "report", confidence = 0.5, direction = "outbound", source = new { name = "Echo", type = "media" } },
            new { crossing = "upper-lars", observedAt = "2022-09-25T05:40:00Z", vehicles = 20, kind = "image", confidence = 0.6, direction = "outbound", source = new { name = "Lars camera", type = "camera" } },
            new { crossing = "upper-lars", observedAt = "2022-09-25T09:00:00Z", vehicles = 30, waitHours = 5, kind = "manual", confidence = 0.7, direction = "outbound", source = new { name = "FSB border service", type = "official" } },
            new { crossing = "upper-lars", observedAt = "2022-09-25T10:30:00Z", vehicles = 40, queueKm = 2, kind = "feed", confidence = 0.8, direction = "outbound", source = new { name = "FSB border service", type = "official" } },
            new { crossing = "upper-lars", observedAt = "2022-09-25T17:15:00Z", vehicles = 100, waitHours = 7, kind = "agent", confidence = 0.9, direction = "outbound", source = new { name = "Lars agent", type = "agent" } },
            new { crossing = "sadakhlo", observedAt = "2022-09-24T21:30:00Z", vehicles = 260, kind = "manual", source = new { name = "Georgian border police", type = "official" } },
            new { crossing = "vaalimaa", observedAt = "2022-09-25T09:00:00Z", queueKm = 0.4, kind = "report", source = new { name = "Yle, \"Kotimaa\" desk", type = "media", url = "https://yle.fi/a/1" } },
            new { crossing = "vaalimaa", observedAt = "2022-09-25T09:20:00Z", queueKm = 0.5, kind = "report", source = new { name = "=HYPERLINK(\"http://x\")", type = "media" } },
            new { crossing = "vaalimaa", observedAt = "2022-09-25T09:30:00Z", queueKm = 0.6, kind = "report", source = new { name = "@someone_in_the_queue", type = "crowd", url = "https://t.me/someone/1" } },
            new { crossing = "vaalimaa", observedAt = "2022-09-25T09:40:00Z", queueKm = 9, kind = "report", status = "pending", source = new { name = "Rumour", type = "crowd" } },
        ];
        foreach (var reading in readings)
        {
            await Server.PostReadingAsync(reading);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
