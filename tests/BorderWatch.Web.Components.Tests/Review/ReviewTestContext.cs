using System.Security.Claims;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Reports;
using BorderWatch.Data.Audit;
using BorderWatch.Data.Reports;
using BorderWatch.Web.Ingest;
using BorderWatch.Web.Reports;
using BorderWatch.Web.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BorderWatch.Web.Components.Tests.Review;

/// <summary>
/// <see cref="ComponentTestContext"/> plus the review services over the same SQLite file, a running ingest pipeline
/// and a signed-in analyst (the key with id 1, as the real sign-in gives).
/// </summary>
public sealed class ReviewTestContext : IAsyncDisposable
{
    private readonly ComponentTestContext _inner;

    private ReviewTestContext()
    {
        _inner = new ComponentTestContext(Configure);
    }

    private void Configure(ComponentTestContext inner)
    {
        Reports = new ReportRepository(inner.Database);
        Audit = new AuditRepository(inner.Database);
        Pipeline = new IngestPipeline(inner.Readings, inner.Estimates, inner.Live, NullLogger<IngestPipeline>.Instance);
        Ingest = new ReportIngest(ReportExtractor.Default, Pipeline, Reports, TimeProvider.System, NullLogger<ReportIngest>.Instance);
        var services = inner.Context.Services;
        services.AddSingleton(Reports);
        services.AddSingleton(new ReviewRepository(inner.Database));
        services.AddSingleton(Audit);
        services.AddSingleton(Pipeline);
        services.AddSingleton(Ingest);
        services.AddSingleton(new ReportInputValidator(TimeProvider.System));
        services.AddSingleton(sp => new ReviewService(inner.Readings, Pipeline, Audit, Gazetteer.Default, TimeProvider.System));
        var auth = inner.Context.AddAuthorization();
        auth.SetAuthorized("analyst-key");
        auth.SetClaims(new Claim(ApiKeyPrincipal.KeyIdClaim, "1"));
        auth.SetRoles("analyst");
    }

    public BunitContext Context => _inner.Context;
    public ComponentTestContext Inner => _inner;
    public ReportRepository Reports { get; private set; } = default!;
    public AuditRepository Audit { get; private set; } = default!;
    public IngestPipeline Pipeline { get; private set; } = default!;
    public ReportIngest Ingest { get; private set; } = default!;

    public static async Task<ReviewTestContext> CreateAsync()
    {
        var context = new ReviewTestContext();
        await context.Pipeline.StartAsync(CancellationToken.None);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.StopAsync(CancellationToken.None);
        Pipeline.Dispose();
        await _inner.DisposeAsync();
    }
}
