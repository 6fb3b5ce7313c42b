using BorderWatch.Core.Crossings;
using BorderWatch.Data.Cameras;
using BorderWatch.Data.Images;
using BorderWatch.Vision;
using BorderWatch.Vision.Queues;
using BorderWatch.Web.Images;
using BorderWatch.Web.Live;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace BorderWatch.Web.Components.Pages.Cameras;

/// <summary>
/// Calibrating a camera: its latest frame, the lane drawn and edited with the mouse (points and widths), the empty
/// reference frame, and a live preview of the estimate on every edit. Saving stores a new lane version.
/// </summary>
public sealed partial class CalibrationPage : IDisposable
{
    private Camera? _camera;
    private IReadOnlyList<Camera> _cameras = [];
    private StoredImage? _frame;
    private byte[]? _frameBytes;
    private byte[]? _referenceBytes;
    private string? _referenceUid;
    private StoredLane? _saved;
    private string? _points;
    private string? _widths;
    private string? _metres;
    private QueueEstimate? _estimate;
    private byte[]? _overlay;
    private string? _error;
    private bool _savedNow;
    private CallbackThrottler? _preview;

    [Parameter]
    public string Uid { get; set; } = "";

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private CameraRepository Cameras { get; set; } = default!;

    [Inject]
    private ImageRepository Images { get; set; } = default!;

    [Inject]
    private ImageFileStore Files { get; set; } = default!;

    [Inject]
    private ImageIngest Ingest { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<CalibrationPage> Logger { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // Edits arrive as fast as the mouse moves; the preview runs at most a few times a second.
        _preview ??= new CallbackThrottler(() => InvokeAsync(Preview), TimeSpan.FromMilliseconds(250));
        _cameras = await Cameras.ListAsync();
        _camera = await Cameras.GetAsync(Uid);
        _estimate = null;
        _overlay = null;
        _savedNow = false;
        if (_camera is null)
        {
            return;
        }

        _saved = await Cameras.GetLaneAsync(Uid);
        (_points, _widths, _metres, _referenceUid) = (_saved?.Points, _saved?.Widths, _saved?.Metres, _saved?.ReferenceImageUid);
        _referenceBytes = _referenceUid is not null && await Images.GetAsync(_referenceUid) is { } reference ? await ReadAsync(reference) : null;
        await LoadFrameAsync((await Images.ListByCameraAsync(Uid, 1)).FirstOrDefault());
        Preview();
    }

    private async Task LoadFrameAsync(StoredImage? frame)
    {
        _frame = frame;
        _frameBytes = frame is null ? null : await ReadAsync(frame);
    }

    private async Task<byte[]?> ReadAsync(StoredImage image)
    {
        try
        {
            return await Files.ReadAsync(image.Path, CancellationToken.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void SwitchCamera(string uid) => Navigation.NavigateTo($"/cameras/{uid}/calibrate");

    private Task OnLaneDrawnAsync((string Points, string Widths) lane)
    {
        (_points, _widths) = lane;
        _savedNow = false;
        _preview?.Signal();
        return Task.CompletedTask;
    }

    private void OnPointsTyped(string value)
    {
        _points = value;
        _savedNow = false;
        _preview?.Signal();
    }

    private void OnWidthsTyped(string value)
    {
        _widths = value;
        _savedNow = false;
        _preview?.Signal();
    }

    private async Task OnFrameAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        try
        {
            await using var stream = e.File.OpenReadStream(Ingest.MaxImageBytes);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            var (stored, rejection) = await Ingest.StoreUnanalysedAsync(_camera!.Crossing, _camera.Uid, "frame", buffer.ToArray(), null, CancellationToken.None);
            if (rejection is not null)
            {
                _error = rejection.Message;
                return;
            }

            await LoadFrameAsync(stored);
            Preview();
        }
        catch (IOException ex)
        {
            _error = "The file could not be read: " + ex.Message;
        }
    }

    private void UseFrameAsReference()
    {
        _referenceUid = _frame?.Uid;
        _referenceBytes = _frameBytes;
        _savedNow = false;
        Preview();
    }

    private void ClearReference()
    {
        _referenceUid = null;
        _referenceBytes = null;
        Preview();
    }

    private LaneProfile? Lane(out string? problem)
    {
        var (lane, errors) = LaneStrings.Parse(_points, _widths);
        var metres = LaneProfile.ParseNumbers(_metres, out var metresError);
        problem = errors.Count > 0 ? string.Join(" ", errors.Values.SelectMany(v => v)) : metresError;
        return lane is null || problem is not null ? null : new LaneProfile(lane.Points, lane.Widths, metres);
    }

    private void Preview()
    {
        _error = null;
        if (_frameBytes is null || string.IsNullOrWhiteSpace(_points))
        {
            StateHasChanged();
            return;
        }

        if (Lane(out var problem) is not { } lane)
        {
            _error = problem;
            _estimate = null;
            StateHasChanged();
            return;
        }

        VisionResult<ImageAnalysis> result;
        try
        {
            result = Ingest.Preview(_frameBytes, lane, _referenceBytes);
        }
        catch (Exception ex)
        {
            // A preview that fails must say so, not leave the last picture standing.
            Logger.LogWarning(ex, "Calibration preview of camera {Camera} failed", Uid);
            _error = "The preview failed: " + ex.Message;
            _estimate = null;
            StateHasChanged();
            return;
        }

        if (result.Rejection is { } rejection)
        {
            _error = rejection.Message;
            _estimate = null;
        }
        else
        {
            _estimate = result.Value!.Estimate;
            _overlay = result.Value.OverlayJpeg;
        }

        StateHasChanged();
    }

    private async Task SaveAsync()
    {
        _error = null;
        string? problem = null;
        if (_frame is null || Lane(out problem) is not { } lane)
        {
            _error = problem ?? "There is no frame to calibrate on.";
            return;
        }

        var problems = lane.Validate(_frame.Width, _frame.Height);
        if (problems.Count > 0)
        {
            _error = string.Join(" ", problems);
            return;
        }

        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        await Cameras.SetLaneAsync(new StoredLane(Uid, lane.FormatPoints(), lane.FormatWidths(), string.IsNullOrWhiteSpace(_metres) ? null : _metres.Trim(),
            _frame.Width, _frame.Height, _referenceUid, Time.GetUtcNow(), user.ActorName()));
        _saved = await Cameras.GetLaneAsync(Uid);
        _savedNow = true;
    }

    public void Dispose() => _preview?.Dispose();
}
