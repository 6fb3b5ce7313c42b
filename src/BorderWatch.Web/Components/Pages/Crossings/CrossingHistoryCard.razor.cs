using BorderWatch.Core.Crossings;
using BorderWatch.Core.History;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Estimates;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Pages.Crossings;

/// <summary>The chart card of the crossing page. Reloads when the page says new readings arrived.</summary>
public sealed partial class CrossingHistoryCard
{
    private static readonly (QueueQuantity Quantity, string Text)[] Quantities =
    [
        (QueueQuantity.WaitHours, "Wait"),
        (QueueQuantity.QueueKm, "Queue km"),
        (QueueQuantity.Vehicles, "Vehicles"),
    ];

    private static readonly (HistoryRange Range, string Text)[] Ranges =
    [
        (HistoryRange.Day, "24 h"),
        (HistoryRange.Week, "7 days"),
        (HistoryRange.Month, "30 days"),
    ];

    private CrossingHistoryView? _view;
    private HistoryRange _range = HistoryRange.Week;
    private QueueQuantity _quantity = QueueQuantity.WaitHours;
    private (string Slug, DateTimeOffset? Version) _loaded;

    [Parameter, EditorRequired]
    public Crossing Crossing { get; set; } = default!;

    /// <summary>Observation time of the newest reading; a change reloads the chart.</summary>
    [Parameter]
    public DateTimeOffset? Newest { get; set; }

    /// <summary>When the page last received an update for this crossing; a change reloads the chart.</summary>
    [Parameter]
    public DateTimeOffset? Version { get; set; }

    [Inject]
    private ReadingRepository Readings { get; set; } = default!;

    [Inject]
    private ReadingHistoryRepository History { get; set; } = default!;

    [Inject]
    private EstimateStore Estimates { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private string Summary => _view is null
        ? ""
        : $"{Quantities.First(q => q.Quantity == _quantity).Text} at {Crossing.Name} from {Format.Utc(_view.From)} to {Format.Utc(_view.To)}: {_view.ReadingCount} readings"
          + (_view.Band.Count > 1 ? ", with the typical band." : ".");

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != (Crossing.Slug, Version))
        {
            _loaded = (Crossing.Slug, Version);
            await LoadAsync();
        }
    }

    private async Task ChooseAsync(HistoryRange range, QueueQuantity quantity)
    {
        _range = range;
        _quantity = quantity;
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        _view = await CrossingHistory.LoadAsync(Crossing, _range, _quantity, Time.GetUtcNow(), Newest, Readings, History, Estimates.Fusion);
}
