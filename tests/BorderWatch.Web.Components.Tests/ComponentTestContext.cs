using BorderWatch.Core.Crossings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BorderWatch.Web.Components.Tests;

/// <summary>
/// A bUnit context with MudBlazor and BorderWatch's live services over a real SQLite file. bUnit with MudBlazor wants
/// loose JS interop and renderer info; contexts are disposed with <c>await using</c>.
/// </summary>
public sealed class ComponentTestContext : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("borderwatch-bunit-").FullName;

    public ComponentTestContext()
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(_directory, "bunit.db")}");
        database.Migrate();
        var crossings = new CrossingRepository(database);
        crossings.SyncAsync(Gazetteer.Default, TimeProvider.System).GetAwaiter().GetResult();
        Readings = new ReadingRepository(database, crossings);
        Estimates = new EstimateStore(Gazetteer.Default, Readings, TimeProvider.System, Options.Create(new EstimateOptions()));
        Live = new LiveUpdates(NullLogger<LiveUpdates>.Instance);

        Context.Services.AddMudServices();
        Context.Services.AddSingleton(Gazetteer.Default);
        Context.Services.AddSingleton(TimeProvider.System);
        Context.Services.AddSingleton(Readings);
        Context.Services.AddSingleton(Estimates);
        Context.Services.AddSingleton(Live);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public BunitContext Context { get; } = new();
    public ReadingRepository Readings { get; }
    public EstimateStore Estimates { get; }
    public LiveUpdates Live { get; }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
