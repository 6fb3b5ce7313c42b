using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Reports;
using BorderWatch.Web.Components.Controls;
using BorderWatch.Web.Live;
using BorderWatch.Web.Reports;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Direction = BorderWatch.Core.Readings.Direction;

namespace BorderWatch.Web.Components.Pages.Review;

/// <summary>
/// The review queue: pending readings with their highlighted evidence and source; accept, correct or reject each
/// with one click or one key. Live: new pending readings appear, decided ones leave (also when decided elsewhere).
/// </summary>
public sealed partial class ReviewPage
{
    private const int Shown = 100;

    private readonly List<PendingReading> _items = [];
    private readonly EditModel _edit = new();
    private int _selected;
    private long? _editing;
    private string? _editError;
    private string _actor = "analyst";
    private long? _keyId;
    private DateTimeOffset _now;
    private DateTimeOffset? _lastUpdate;
    private ElementReference _list;
    private bool _focusList;
    private IDisposable? _subscription;
    private CallbackThrottler? _throttler;

    [Inject]
    private ReviewRepository Review { get; set; } = default!;

    [Inject]
    private ReportRepository Reports { get; set; } = default!;

    [Inject]
    private ReviewService Decisions { get; set; } = default!;

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private LiveUpdates Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private PendingReading? Selected => _selected >= 0 && _selected < _items.Count ? _items[_selected] : null;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _actor = user.ActorName();
            _keyId = user.KeyId();
        }

        _throttler = new CallbackThrottler(() => InvokeAsync(ReloadAsync), TimeSpan.FromMilliseconds(250));
        // Subscribe before loading so nothing stored in between is missed.
        _subscription = Live.Subscribe(update =>
        {
            if (update is ReadingAdded added && (added.Reading.Status == ReadingStatus.Pending || added.Reading.Supersedes is not null))
            {
                _throttler.Signal();
            }
        });
        await LoadAsync();
        _focusList = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusList && _items.Count > 0)
        {
            _focusList = false;
            try
            {
                await _list.FocusAsync();
            }
            catch (InvalidOperationException)
            {
                // Prerendering or a circuit going away: nothing to focus.
            }
        }
    }

    private async Task LoadAsync()
    {
        var selectedId = Selected?.Reading.Id;
        var pending = await Review.ListPendingAsync(Shown);
        var evidence = await Reports.EvidenceForAsync([.. pending.Select(r => r.Id)]);
        _items.Clear();
        _items.AddRange(pending.Select(r => new PendingReading(r, evidence.GetValueOrDefault(r.Id) ?? EvidenceView.None(r.Id))));
        var kept = selectedId is { } id ? _items.FindIndex(i => i.Reading.Id == id) : -1;
        _selected = kept >= 0 ? kept : Math.Clamp(_selected, 0, Math.Max(0, _items.Count - 1));
        if (_editing is { } editing && !_items.Any(i => i.Reading.Id == editing))
        {
            _editing = null;
        }

        _now = Time.GetUtcNow();
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        _lastUpdate = _now;
        StateHasChanged();
    }

    private void Select(int index)
    {
        if (_editing is null)
        {
            _selected = index;
        }
    }

    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        if (_editing is not null)
        {
            // While editing, letters go to the fields; only Escape leaves.
            if (e.Key == "Escape")
            {
                CancelEdit();
            }

            return;
        }

        if (Selected is not { } item)
        {
            return;
        }

        switch (e.Key)
        {
            case "j" or "J" or "ArrowDown":
                _selected = Math.Min(_items.Count - 1, _selected + 1);
                break;
            case "k" or "K" or "ArrowUp":
                _selected = Math.Max(0, _selected - 1);
                break;
            case "a" or "A":
                await DecideAsync(item, ReviewAction.Accept);
                break;
            case "r" or "R":
                await DecideAsync(item, ReviewAction.Reject);
                break;
            case "e" or "E":
                StartEdit(_selected);
                break;
        }
    }

    private async Task DecideAsync(PendingReading item, ReviewAction action)
    {
        var outcome = await Decisions.DecideAsync(item.Reading.Id, new ReviewDecision(action), _actor, _keyId);
        Report(outcome, action == ReviewAction.Accept ? "Accepted" : "Rejected", item.Reading);
        await LoadAsync();
        _focusList = true;
    }

    private void StartEdit(int index)
    {
        _selected = index;
        var reading = _items[index].Reading;
        _editing = reading.Id;
        _editError = null;
        _edit.Crossing = reading.Crossing;
        _edit.QueueKm = reading.QueueKm;
        _edit.Vehicles = reading.Vehicles;
        _edit.WaitHours = reading.WaitHours;
        _edit.Direction = reading.Direction;
    }

    private void CancelEdit()
    {
        _editing = null;
        _editError = null;
        _focusList = true;
    }

    private async Task SaveEditAsync(PendingReading item)
    {
        var decision = new ReviewDecision(ReviewAction.Edit, _edit.QueueKm, _edit.Vehicles, _edit.WaitHours, _edit.Direction, _edit.Crossing);
        var errors = Decisions.Validate(decision);
        if (errors.Count > 0)
        {
            _editError = string.Join(" ", errors.Values.SelectMany(v => v));
            return;
        }

        var outcome = await Decisions.DecideAsync(item.Reading.Id, decision, _actor, _keyId);
        _editing = null;
        Report(outcome, "Corrected", item.Reading);
        await LoadAsync();
        _focusList = true;
    }

    private void Report(ReviewOutcome outcome, string verb, Reading reading)
    {
        if (outcome.Failure != ReviewFailure.None)
        {
            Snackbar.Add(outcome.Message ?? "The decision could not be stored.", MudBlazor.Severity.Warning);
            return;
        }

        var name = Gazetteer.Find(outcome.Reading!.Crossing)?.Name ?? outcome.Reading.Crossing;
        Snackbar.Add($"{verb}: {name} {ReportPastePanel.Figures(outcome.Reading.QueueKm, outcome.Reading.Vehicles, outcome.Reading.WaitHours)}".Trim(),
            verb == "Rejected" ? MudBlazor.Severity.Info : MudBlazor.Severity.Success);
        _ = reading;
    }

    private async Task OnReportStored(ReportOutcome outcome)
    {
        await LoadAsync();
        _focusList = outcome.Readings.Any(r => r.Status == ReadingStatus.Pending);
    }

    /// <summary>The crossing as read, the other candidates, then every crossing.</summary>
    private IEnumerable<string> CrossingChoices(PendingReading item) =>
        new[] { item.Reading.Crossing }.Concat(item.Evidence.Candidates).Concat(Gazetteer.Crossings.Select(c => c.Slug)).Distinct(StringComparer.Ordinal);

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttler?.Dispose();
    }

    private sealed class EditModel
    {
        public string Crossing { get; set; } = "";
        public double? QueueKm { get; set; }
        public double? Vehicles { get; set; }
        public double? WaitHours { get; set; }
        public Direction Direction { get; set; }
    }
}
