using BorderWatch.Testing;
using BorderWatch.Web.Configuration;

namespace BorderWatch.Web.Tests.Exports;

public class ExportOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new ExportOptionsValidator().Validate(null, new ExportOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryErrorAtOnce()
    {
        var result = new ExportOptionsValidator().Validate(null, new ExportOptions
        {
            ScheduleTime = "6am",
            ScheduleTimeZone = "Mars/Olympus_Mons",
            Formats = "csv,pdf",
            Directory = " ",
            WebhookUrl = "ftp://example.org/hook?token=abc",
            WebhookSecret = "short",
            WebhookTimeoutSeconds = 0,
            MaxAttempts = 0,
            RetryDelaySeconds = -1,
        });

        var failures = result.Failures!.ToList();
        Assert.Equal(9, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Exports:ScheduleTime ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'pdf'", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("token=abc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BadExportsSection_FailsNamingTheKeys()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?>
        {
            ["Exports:ScheduleTime"] = "25:00",
            ["Exports:Formats"] = "docx",
        });

        var error = Assert.ThrowsAny<Exception>(() => server.Address);

        Assert.Contains("Exports:ScheduleTime", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Exports:Formats", error.ToString(), StringComparison.Ordinal);
    }
}
