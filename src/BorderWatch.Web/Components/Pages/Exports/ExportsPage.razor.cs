using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Summaries;
using BorderWatch.Data.Exports;
using BorderWatch.Data.Summaries;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Exports;
using BorderWatch.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BorderWatch.Web.Components.Pages.Exports;

/// <summary>
/// Pick days, a crossing and a format; preview the summary and download it (the links are the public API, so a
/// spreadsheet or script can use the same URL). Shows the scheduled export and its recent runs, live.
/// </summary>
public sealed partial class ExportsPage
{
    private const string AllCrossings = "";
    private const int PreviewRows = 100;
    private static readonly TimeSpan RenderInterval = TimeSpan.FromSeconds(1);

    private DateRange _range = new();
    private string _crossing = AllCrossings;
    private ExportFormat _format = ExportFormat.Csv;
    private bool _hxl = true;
    private List<DailySummary> _preview = [];
    private SummaryProvenance? _provenance;
    private bool _loading = true;
    private string? _previewError;
    private List<ExportRun> _runs = [];
    private DateTime? _runDate;
    private bool _running;
    private DateTimeOffset? _lastUpdate;
    private IDisposable? _readingsSubscription;
    private IDisposable? _runsSubscription;
    private CallbackThrottler? _previewThrottler;
    private CallbackThrottler? _runsThrottler;

    [Inject]
    private DailySummaryRepository Summaries { get; set; } = default!;

    [Inject]
    private ExportRunRepository Runs { get; set; } = default!;

    [Inject]
    private DailyExportJob Job { get; set; } = default!;

    [Inject]
    private IOptions<ExportOptions> Options { get; set; } = default!;

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private LiveUpdates Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<ExportsPage> Logger { get; set; } = default!;

    private ExportOptions Settings => Options.Value;

    private DateOnly From => DateOnly.FromDateTime(_range.Start ?? DateTime.UtcNow.Date);

    private DateOnly To => DateOnly.FromDateTime(_range.End ?? _range.Start ?? DateTime.UtcNow.Date);

    private string CrossingQuery => _crossing == AllCrossings ? "" : "&crossing=" + Uri.EscapeDataString(_crossing);

    private string RangeQuery => string.Create(CultureInfo.InvariantCulture, $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}");

    private string SummaryUrl =>
        $"/api/summaries/daily?{RangeQuery}{CrossingQuery}&format={_format.Name()}{(_hxl && _format.SupportsHxl() ? "&hxl=true" : "")}";

    private string ReadingsUrl => $"/api/exports/readings?{RangeQuery}{CrossingQuery}&format=csv{(_hxl ? "&hxl=true" : "")}";

    private string ProvenanceUrl => $"/api/summaries/daily/provenance?{RangeQuery}{CrossingQuery}";

    private string FormatLabel => _format switch
    {
        ExportFormat.Xlsx => "XLSX",
        ExportFormat.GeoJson => "GeoJSON",
        _ => _format.Name().ToUpperInvariant(),
    };

    /// <summary>Only the host: a webhook URL often carries a token in its path or query.</summary>
    private string? WebhookHost => Uri.TryCreate(Settings.WebhookUrl, UriKind.Absolute, out var uri) ? uri.Host : null;

    protected override async Task OnInitializedAsync()
    {
        var (from, to) = ExportQueryParameters.DefaultRange(DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime));
        _range = new DateRange(from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue));
        _runDate = LocalDays.DateOf(Time.GetUtcNow(), Settings.TimeZone).AddDays(-1).ToDateTime(TimeOnly.MinValue);
        _previewThrottler = new CallbackThrottler(() => InvokeAsync(async () =>
        {
            _lastUpdate = Time.GetUtcNow();
            await LoadPreviewAsync();
            StateHasChanged();
        }), RenderInterval);
        _runsThrottler = new CallbackThrottler(() => InvokeAsync(async () =>
        {
            await LoadRunsAsync();
            StateHasChanged();
        }), RenderInterval);
        // New readings change today's rows; a run started by the schedule or someone else appears without reload.
        _readingsSubscription = Live.Subscribe(update =>
        {
            if (update is ReadingAdded)
            {
                _previewThrottler.Signal();
            }
        });
        _runsSubscription = Job.OnRunsChanged(_runsThrottler.Signal);
        await Task.WhenAll(LoadPreviewAsync(), LoadRunsAsync());
    }

    private async Task OnRangeChangedAsync(DateRange range)
    {
        _range = range;
        await LoadPreviewAsync();
    }

    private async Task OnCrossingChangedAsync(string crossing)
    {
        _crossing = crossing;
        await LoadPreviewAsync();
    }

    private async Task LoadPreviewAsync()
    {
        _loading = true;
        try
        {
            var query = new SummaryQuery(From, To, _crossing == AllCrossings ? null : _crossing);
            await using var export = await Summaries.OpenAsync(query, Time.GetUtcNow(), SummaryOrder.ByDate, withSources: false);
            var rows = new List<DailySummary>(PreviewRows);
            await foreach (var row in export.ReadAsync())
            {
                rows.Add(row);
                if (rows.Count == PreviewRows)
                {
                    break;
                }
            }

            (_preview, _provenance, _previewError) = (rows, export.Provenance, null);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // A busy or broken database must not take the page down: say so, and the next refresh retries.
            Logger.LogWarning(ex, "The export preview could not be read");
            _previewError = "The preview could not be read from the database just now; it will retry with the next reading.";
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadRunsAsync() => _runs = [.. await Runs.ListAsync(20)];

    private async Task RunNowAsync()
    {
        if (_runDate is not { } date)
        {
            return;
        }

        _running = true;
        try
        {
            // Not tied to the circuit: closing the tab must not leave half an export.
            var run = await Job.RunAsync(DateOnly.FromDateTime(date), DailyExportJob.ManualTrigger, CancellationToken.None);
            Snackbar.Add(
                run.Status == ExportRun.Succeeded ? $"Exported {run.ForDate:yyyy-MM-dd}: {run.Files.Count} files." : $"The export of {run.ForDate:yyyy-MM-dd} failed: {run.Error}",
                run.Status == ExportRun.Succeeded ? MudBlazor.Severity.Success : MudBlazor.Severity.Error);
            await LoadRunsAsync();
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>"1,600 · 2,010" as one piece (so the phone layout keeps it together), or one dash when neither was reported.</summary>
    private static RenderFragment Pair(string first, string second) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "bw-pair");
        if (first == "–" && second == "–")
        {
            builder.AddContent(2, "–");
        }
        else
        {
            builder.AddContent(3, first);
            builder.OpenElement(4, "span");
            builder.AddAttribute(5, "class", "bw-small");
            builder.AddContent(6, $" · {second}");
            builder.CloseElement();
        }

        builder.CloseElement();
    };

    /// <summary>csv · xlsx · provenance.json: the file names differ only in their endings.</summary>
    private static string FileKinds(ExportRun run) =>
        string.Join(" · ", run.Files.Select(f => f[(f.IndexOf('.', StringComparison.Ordinal) + 1)..]));

    private static Color OutcomeColor(ExportRun run) => run.Status switch
    {
        ExportRun.Succeeded => Color.Success,
        ExportRun.Failed => Color.Error,
        _ => Color.Info,
    };

    public void Dispose()
    {
        _readingsSubscription?.Dispose();
        _runsSubscription?.Dispose();
        _previewThrottler?.Dispose();
        _runsThrottler?.Dispose();
    }
}
