using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Vision;
using BorderWatch.Vision.Queues;
using BorderWatch.Web.Images;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BorderWatch.Web.Components.Pages.Images;

/// <summary>
/// An analyst uploads or pastes a photo, draws the lane, sees the overlay and the estimate, and accepts or corrects
/// it. The original stays in this circuit's memory only; what is shown is the redacted copy.
/// </summary>
public sealed partial class UploadPage
{
    private IJSObjectReference? _module;
    private byte[]? _original;
    private RedactedImage? _image;
    private string? _points;
    private string? _widths;
    private bool _useWidths;
    private QueueEstimate? _estimate;
    private byte[]? _overlay;
    private string? _error;
    private ImageIngestResult? _stored;
    private int? _correctedVehicles;
    private bool _busy;
    private string _crossing = "vaalimaa";
    private string? _observedAtText;
    private Direction _direction = Direction.Unknown;

    [SupplyParameterFromQuery(Name = "crossing")]
    private string? CrossingQuery { get; set; }

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private IVisionEngine Vision { get; set; } = default!;

    [Inject]
    private ImageIngest Ingest { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    private bool CanAnalyse => _original is not null && !_busy && LaneStrings.Parse(_points, null).Lane is not null;

    protected override void OnInitialized()
    {
        if (CrossingQuery is { } slug && Gazetteer.Contains(slug))
        {
            _crossing = slug;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Images/UploadPage.razor.js");
            await _module.InvokeVoidAsync("enablePaste", "upload-file");
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private async Task OnFileAsync(InputFileChangeEventArgs e)
    {
        ResetResult();
        _image = null;
        _original = null;
        _points = _widths = null;
        var limit = Vision.Limits.MaxBytes;
        if (e.File.Size > limit)
        {
            _error = $"The file is larger than {limit:N0} bytes.";
            return;
        }

        _busy = true;
        try
        {
            await using var stream = e.File.OpenReadStream(limit);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            var redacted = Vision.Redact(bytes);
            if (redacted.Rejection is { } rejection)
            {
                _error = rejection.Message;
                return;
            }

            _original = bytes;
            _image = redacted.Value;
        }
        catch (IOException ex)
        {
            _error = "The file could not be read: " + ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task OnLaneDrawnAsync((string Points, string Widths) lane)
    {
        (_points, _widths) = lane;
        ResetResult();
        return Task.CompletedTask;
    }

    private void OnPointsTyped(string value)
    {
        _points = value;
        ResetResult();
    }

    private void OnWidthsTyped(string value)
    {
        _widths = value;
        ResetResult();
    }

    private void ClearLane()
    {
        _points = _widths = "";
        ResetResult();
    }

    private void ResetResult()
    {
        _estimate = null;
        _overlay = null;
        _error = null;
        _stored = null;
    }

    private LaneProfile? Lane(out string? problem)
    {
        var (lane, errors) = LaneStrings.Parse(_points, _useWidths ? _widths : null);
        problem = errors.Count > 0 ? string.Join(" ", errors.Values.SelectMany(v => v)) : null;
        return lane;
    }

    private void AnalyseAsync()
    {
        ResetResult();
        string? problem = null;
        if (_original is null || Lane(out problem) is not { } lane)
        {
            _error = problem ?? "Choose an image first.";
            return;
        }

        var result = Ingest.Preview(_original, lane);
        if (result.Rejection is { } rejection)
        {
            _error = rejection.Message;
            return;
        }

        _estimate = result.Value!.Estimate;
        _correctedVehicles = _estimate.Vehicles;
        _overlay = result.Value.OverlayJpeg;
    }

    private async Task StoreAsync(int? corrected)
    {
        string? problem = null;
        if (_original is null || Lane(out problem) is not { } lane)
        {
            _error = problem ?? "Choose an image first.";
            return;
        }

        DateTimeOffset? observedAt = null;
        if (!string.IsNullOrWhiteSpace(_observedAtText))
        {
            if (!DateTime.TryParse(_observedAtText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                || parsed > DateTime.UtcNow + ReadingLimits.FutureTolerance)
            {
                _error = "Observed at must be a past date and time (UTC).";
                return;
            }

            observedAt = new DateTimeOffset(parsed, TimeSpan.Zero);
        }

        _busy = true;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var (stored, rejection) = await Ingest.StoreAsync(new ImageSubmission
            {
                Image = _original,
                Crossing = _crossing,
                Lane = lane,
                ObservedAt = observedAt,
                Direction = _direction,
                CorrectedVehicles = corrected == _estimate?.Vehicles ? null : corrected,
                Source = new Provenance(Name: $"Photo uploaded by {user.ActorName()}", SourceType: "crowd"),
            }, user.KeyId(), CancellationToken.None);
            if (rejection is not null)
            {
                _error = rejection.Message;
                return;
            }

            _stored = stored;
        }
        finally
        {
            _busy = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
