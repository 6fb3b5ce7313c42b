using BorderWatch.Core.Crossings;
using BorderWatch.Data.Alerts;
using BorderWatch.Web.Alerts;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BorderWatch.Web.Components.Pages.Alerts;

/// <summary>Raised alerts (live) and the per-crossing thresholds; only a signed-in analyst may change thresholds.</summary>
public sealed partial class AlertsPage
{
    private const int ShownAlerts = 200;

    private List<Alert> _alerts = [];
    private IReadOnlyList<AlertThreshold> _thresholds = [];
    private readonly ThresholdForm _form = new();
    private string? _formError;
    private bool _saving;
    private DateTimeOffset _now;
    private DateTimeOffset? _lastAlert;
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private AlertMonitor Monitor { get; set; } = default!;

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _now = Time.GetUtcNow();
        _subscription = Monitor.Subscribe(alert => _ = InvokeAsync(() =>
        {
            _alerts = [alert, .. _alerts.Take(ShownAlerts - 1)];
            _now = Time.GetUtcNow();
            _lastAlert = _now;
            StateHasChanged();
        }));
        _alerts = [.. await Monitor.ListAlertsAsync(ShownAlerts)];
        _thresholds = await Monitor.ListThresholdsAsync();
    }

    private string NameOf(string slug) => Gazetteer.Find(slug)?.Name ?? slug;

    private static string Limits(AlertThreshold threshold) => string.Join(" or ", new[]
    {
        threshold.MaxWaitHours is { } w ? $"wait > {Format.Hours(w)}" : null,
        threshold.MaxQueueKm is { } km ? $"queue > {Format.Km(km)}" : null,
        threshold.MaxVehicles is { } v ? $"vehicles > {Format.Vehicles(v)}" : null,
    }.OfType<string>());

    private void Edit(AlertThreshold threshold)
    {
        _form.Crossing = threshold.Crossing;
        _form.MaxWaitHours = threshold.MaxWaitHours;
        _form.MaxQueueKm = threshold.MaxQueueKm;
        _form.MaxVehicles = threshold.MaxVehicles;
        _formError = null;
    }

    /// <summary>The signed-in analyst's name when they may write, else null. Checked on every write, not only in markup.</summary>
    private async Task<string?> WriterAsync()
    {
        if (AuthenticationState is null)
        {
            return null;
        }

        var user = (await AuthenticationState).User;
        var result = await Authorization.AuthorizeAsync(user, AuthorizationSetup.WritePolicy);
        return result.Succeeded ? user.ActorName() : null;
    }

    private async Task SaveAsync()
    {
        _formError = _form.Validate(Gazetteer);
        if (_formError is not null)
        {
            return;
        }

        if (await WriterAsync() is not { } actor)
        {
            _formError = "Your sign-in has expired; sign in again to set thresholds.";
            return;
        }

        _saving = true;
        try
        {
            await Monitor.SetThresholdAsync(new AlertThreshold(_form.Crossing!, _form.MaxWaitHours, _form.MaxQueueKm, _form.MaxVehicles, Time.GetUtcNow(), actor));
            _thresholds = await Monitor.ListThresholdsAsync();
            Snackbar.Add($"Threshold saved for {NameOf(_form.Crossing!)}.", MudBlazor.Severity.Success);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task RemoveAsync(string crossing)
    {
        if (await WriterAsync() is not { } actor)
        {
            _formError = "Your sign-in has expired; sign in again to change thresholds.";
            return;
        }

        await Monitor.RemoveThresholdAsync(crossing, actor);
        _thresholds = await Monitor.ListThresholdsAsync();
    }

    public void Dispose() => _subscription?.Dispose();
}

/// <summary>The threshold form's values and their checks.</summary>
public sealed class ThresholdForm
{
    public const double MaxWait = 24 * 14;
    public const double MaxKm = 300;
    public const double MaxVehicleCount = 100_000;

    public string? Crossing { get; set; }
    public double? MaxWaitHours { get; set; }
    public double? MaxQueueKm { get; set; }
    public double? MaxVehicles { get; set; }

    /// <summary>The first problem, in words, or null when the form can be saved.</summary>
    public string? Validate(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        if (string.IsNullOrEmpty(Crossing) || !gazetteer.Contains(Crossing))
        {
            return "Choose a crossing.";
        }

        if (MaxWaitHours is null && MaxQueueKm is null && MaxVehicles is null)
        {
            return "Give at least one limit: a wait, a queue length or a number of vehicles.";
        }

        if (MaxWaitHours is { } w && (w <= 0 || w > MaxWait || !double.IsFinite(w)))
        {
            return $"The wait limit must be above 0 and at most {MaxWait:0} hours.";
        }

        if (MaxQueueKm is { } km && (km <= 0 || km > MaxKm || !double.IsFinite(km)))
        {
            return $"The queue limit must be above 0 and at most {MaxKm:0} km.";
        }

        if (MaxVehicles is { } v && (v <= 0 || v > MaxVehicleCount || !double.IsFinite(v)))
        {
            return $"The vehicles limit must be above 0 and at most {MaxVehicleCount:0}.";
        }

        return null;
    }
}
