using OpenCvSharp;

namespace BorderWatch.Vision.Queues;

/// <summary>Settings of the queue analyser; the defaults suit road webcams.</summary>
public sealed record QueueAnalyzerOptions
{
    /// <summary>A gap longer than this ends the queue (a car waiting to move up leaves less).</summary>
    public double GapToleranceMetres { get; init; } = QueueAnalyzer.DefaultGapToleranceMetres;

    /// <summary>
    /// Length a car takes in a standing queue, front to front: a car of ~4.5 m, some vans of 5–6.5 m and a standing
    /// gap of ~2 m (a jam density of about 140 vehicles per km and lane).
    /// </summary>
    public double CarSpacingMetres { get; init; } = 7.0;

    /// <summary>Length a truck or bus takes in a standing queue.</summary>
    public double TruckSpacingMetres { get; init; } = 16;

    /// <summary>
    /// Height of a typical queued vehicle, for the road its roof hides from an oblique camera: the mean of a queue of
    /// cars (1.45 m), some vans (2 m) and a few trucks (3.9 m).
    /// </summary>
    public double VehicleHeightMetres { get; init; } = 1.8;

    /// <summary>
    /// Height of a truck's box, for the road its roof hides: trucks stand up to 4 m (the usual legal limit), and the
    /// hidden road is a little short of the truth with the plain focal length where the camera is tilted (3.6 m left
    /// trucks' ends long; 4.0–4.4 m gave the same figures, 3.8 m two queue ends fewer).
    /// </summary>
    public double TruckHeightMetres { get; init; } = 4.0;

    /// <summary>
    /// Focal length in pixels, when known; otherwise it is fitted to the lane's dashed markings (see
    /// <see cref="DashPeriodMetres"/>), and where none are found a 60° field of view is assumed.
    /// </summary>
    public double? FocalLengthPixels { get; init; }

    /// <summary>
    /// Ground period of the dashed lane lines (paint plus gap), to which the focal length, and with it the metres along
    /// the lane, is fitted when neither a focal length nor a ground calibration is given; 0 turns the fit off. 12 m
    /// (3 m dashes, 9 m gaps) is common on motorway approaches; set the local standard where it differs.
    /// </summary>
    public double DashPeriodMetres { get; init; } = 12;
}

/// <summary>
/// Estimates the queue standing in a lane of an image. The lane is resampled into a strip one pixel per step from
/// the head outward; each step is judged occupied or empty from several cues — difference to an empty-road reference
/// when there is one, else distance to the road surface's colour, plus edge energy — the queue end is the last
/// occupied stretch reached from the head without a gap longer than the tolerance, and vehicles are counted from the
/// occupied runs (split at visible gaps, long runs divided by the spacing of cars or trucks).
/// </summary>
public sealed class QueueAnalyzer(QueueAnalyzerOptions? options = null)
{
    /// <summary>Default gap that ends a queue.</summary>
    public const double DefaultGapToleranceMetres = 20;

    /// <summary>Samples across the lane.</summary>
    private const int Columns = 16;

    /// <summary>The central share of the lane width that is sampled (markings and neighbours stay out).</summary>
    private const double InnerWidth = 0.7;

    /// <summary>Samples across the lane's surroundings.</summary>
    private const int ContextColumns = 24;

    /// <summary>The surroundings span three lane widths, centred on the lane.</summary>
    private const double ContextWidth = 3.0;

    /// <summary>A stretch of one colour at least this long is a truck's or bus's body, not cars.</summary>
    private const double MinTruckMetres = 9;

    /// <summary>
    /// A truck's body must span at least this share of the lane's width in pixels along the lane to be told from a
    /// line of cars: its box face (3 m high) is nearly as tall as the lane is wide (3.5 m), so it keeps that share at
    /// any distance, while a car's hood, glass and roof are a metre each. A fixed count of pixels missed every truck in
    /// a far queue, which were then counted as cars at car spacing.
    /// </summary>
    private const double MinTruckRowsPerLaneWidth = 0.35;

    /// <summary>Fewest pixels along the lane a truck's body must span: below this, blur and noise merge cars into one colour.</summary>
    private const int MinTruckRows = 6;

    /// <summary>
    /// Share of <see cref="MinTruckMetres"/> that a stretch of one colour at a run's far edge must span to be a truck's
    /// roof or face: the box's edge takes part of the run's last metres.
    /// </summary>
    private const double RoofShare = 0.7;

    /// <summary>
    /// Rows a truck's roof must span to be recognised behind the ramp of colours at a run's far edge: at this size a
    /// car's windscreen or rear window (about a metre) takes several rows and would split the stretch.
    /// </summary>
    private const int MinResolvedRoofRows = 40;

    /// <summary>Gap between standing vehicles, included in <see cref="QueueAnalyzerOptions.CarSpacingMetres"/>.</summary>
    private const double StandingGapMetres = 2;

    /// <summary>
    /// Weight of the count read from the occupied runs against the count read from the queue's whole length (see
    /// <see cref="CountVehicles"/>).
    /// </summary>
    private const double RunCountWeight = 0.6;

    /// <summary>
    /// Length per vehicle, besides the trucks found, in the count read from the queue's length: a fleet mean of cars,
    /// vans and the trucks too far away to be resolved, so longer than a car's spacing.
    /// </summary>
    private const double QueueLengthPerVehicleMetres = 7.75;

    /// <summary>
    /// Length per car in the runs' reading where the lane is resolved enough that a truck's body would have been found
    /// (<see cref="IsResolvedTruck"/>): there the rest of a run is cars and vans only, which in standing queues take
    /// 6.4–6.6 m (a 4.5-m car, some 5.5-m vans, the 2-m gap), while elsewhere unresolved trucks lengthen the mean to
    /// <see cref="QueueAnalyzerOptions.CarSpacingMetres"/> (6.7–6.9 m gave the same figures; 6.6 m lost a held-out count,
    /// the same shorter spacing over the whole lane lost a count on seeds 1–200).
    /// </summary>
    private const double ResolvedCarSpacingMetres = 6.8;

    /// <summary>
    /// Height of a box's top for the ground a vertical face spans (a 4-m truck's roof edge, a little lower than the
    /// roof's middle seen from above); with <see cref="TruckFloorMetres"/> it gives the span of the face from floor to top.
    /// </summary>
    private const double BoxFaceTopMetres = 3.9;

    /// <summary>
    /// Range of a stretch's length over the ground a box's vertical face spans (see <see cref="IsBoxFace"/>): traced on
    /// the generated scenes box faces measure 0.90–1.24 and roofs, cars and glass 0.04–0.41 (0.7–1.3 and 0.6–1.7 gave
    /// the same figures; from 0.5 vans' and dark cars' stretches passed).
    /// </summary>
    private const double MinFaceRatio = 0.6;

    /// <inheritdoc cref="MinFaceRatio"/>
    private const double MaxFaceRatio = 1.5;

    /// <summary>
    /// A box's roof faces the sky and is lit more than its vertical face: the roof is at least this much lighter
    /// (traced: 1.3–1.7×; 1.0–1.25 gave the same figures).
    /// </summary>
    private const double RoofOverFaceLightness = 1.1;

    /// <summary>
    /// Largest difference in Lab a and b between a box's face and its roof (one paint; the shading changes the lightness
    /// only; 6–15 gave the same figures within one scene).
    /// </summary>
    private const double BoxHueTolerance = 10;

    /// <summary>
    /// Stretches shorter than this many rows between a box's face and its roof are the colour ramp of its edge (3–6
    /// gave the same figures).
    /// </summary>
    private const int EdgeRampRows = 3;

    /// <summary>
    /// Most rows of the colour ramp between a box's roof and its back face where the lane comes towards the camera (the
    /// roof's edge and blur; 5–8 gave the same figures): a longer mixture is vehicles, not one box's edge.
    /// </summary>
    private const int MaxRoofRampRows = 5;

    /// <summary>
    /// Least and greatest length of a box's back face, where the lane comes towards the camera, over the ground the
    /// face from its floor to its top spans there (see <see cref="IsBoxBack"/>): the vehicle behind hides the face's
    /// lower part (a car about half of it), blur and the edge ramps lengthen it a little.
    /// </summary>
    private const double MinBackRatio = 0.3;

    /// <inheritdoc cref="MinBackRatio"/>
    private const double MaxBackRatio = 1.6;

    /// <summary>
    /// Hidden road beside a gap beyond which a real gap between standing vehicles (0.8–3 m, a little more between
    /// vans) would not show at all (3.5–5 m gave the same counts on the generated scenes; 3 m joined real gaps near the
    /// camera).
    /// </summary>
    private const double MinHiddenForBreakMetres = 4;

    /// <summary>
    /// Share of the hidden road beside it below which a visible gap is a vehicle's face the cues missed, not road
    /// (0.25–0.4 gave within a scene of the same counts; 0.5 and more also joined gaps within unresolved trucks and
    /// buses, which then counted as cars).
    /// </summary>
    private const double MaxBreakShareOfHidden = 0.3;

    /// <summary>Most of an occupied run that the hidden road behind its last roof may account for.</summary>
    private const double MaxOcclusionShare = 0.4;

    /// <summary>
    /// Road beyond the queue end that a last run cut by the lane's far end still counts: the standing gap the car
    /// spacing holds and about 2 m of the last vehicle's back, which near the horizon a row or two misplaces (3.5–5 m
    /// gave the same counts on the generated scenes; 2 m lost long queues in rain, 7 m kept a phantom car).
    /// </summary>
    private const double CutRunMarginMetres = 4;

    /// <summary>Height, for the rows sampled beyond the head, of a vehicle standing there (a van's 2 m).</summary>
    private const double HeadVehicleHeightMetres = 2.0;

    /// <summary>Fewest rows beyond the head that can tell a vehicle from noise.</summary>
    private const int MinHeadRows = 4;

    /// <summary>Share of the rows beyond the head that a vehicle standing there covers at least.</summary>
    private const double HeadShare = 0.3;

    /// <summary>Lab distance (L1, 8-bit scale) within which rows count as one colour.</summary>
    private const double UniformColourTolerance = 12;

    /// <summary>
    /// A vehicle shows at least this much of the lane (a small car's length; more with the road its roof hides): a
    /// shorter occupied band is at most part of one.
    /// </summary>
    private const double MinVehicleMetres = 4;

    /// <summary>
    /// Gap beyond which a band shorter than <see cref="MinVehicleMetres"/> no longer belongs to the vehicle before it
    /// (its glass, a roof's highlight) and does not extend the queue.
    /// </summary>
    private const double StrayGapMetres = 8;

    /// <summary>
    /// Height above the road of a truck's box floor (on its chassis; 0.9–1.2 m): where the lane comes towards the camera,
    /// the road below the box's back edge shows beyond it, so the cues see the box end short of its back by the road
    /// this height hides (0.6–0.9 m gave the same figures, 1.05–1.2 m one queue end less).
    /// </summary>
    private const double TruckFloorMetres = 0.9;

    /// <summary>
    /// How far, in shares of the road a truck's box hides, the dark band below its back (bumper, chassis, the box's
    /// shadow) may stand from a box whose back face the cues took for road (1.0–2.2 gave the same figures).
    /// </summary>
    private const double UndersideReach = 1.25;

    /// <summary>How much lighter than the strip's median a band must be to be a box roof's lit edge.</summary>
    private const double RoofEdgeLightness = 1.2;

    /// <summary>
    /// Least share of a run's rows, beyond the queue's first run, with something on both sides of the lane's centre
    /// (0.5–0.8 gave the same queue ends on the generated scenes).
    /// </summary>
    private const double MinBothSidesShare = 0.7;

    /// <summary>
    /// Least road between the queue's last two runs for the last, shorter than a roof's hidden road, to be a piece
    /// apart: a car's glass splits its body by less (0.5 m lost the end of a dusk car split at its glass on seeds
    /// 1–200; 1.5 m one held-out end less).
    /// </summary>
    private const double MinFragmentGapMetres = 1;

    /// <summary>
    /// Least road of other colours between a box's roof and a stretch after it for that stretch to be a vehicle of its
    /// own: the roof's edge ramp is 0.1–0.2 m of ground; 0.5–1.0 m give the same figures, 0.25 m cut a roof off its
    /// edge (seed 61).
    /// </summary>
    private const double MinRoofSeparationMetres = 0.5;

    /// <summary>Least share of a short band's rows on a line across the road for it to be that line (0.3–0.5 the same).</summary>
    private const double MinCrossLineShare = 0.5;

    /// <summary>
    /// Height of a car's roof, the lowest vehicle in a queue: the road it hides is the least any vehicle hides, so a
    /// break seen in front of one plus that road is the least the real gap can be (1.2 m gave the same figures; the
    /// queue's mean of 1.8 m is no lower bound and cut three true queues at grey or dark cars).
    /// </summary>
    private const double LowestVehicleHeightMetres = 1.45;

    /// <summary>
    /// Least share of the lane's centre samples a row of a vehicle standing in the lane covers (with both sides of the
    /// centre): a row covered less, or on one side, inside a run is road blurred by the vehicles either side of it, or
    /// a next lane's vehicle leaning in (0.55 gave the same figures; at 0.4 a half-covered row of a break was taken for a
    /// vehicle, one queue end fewer on the third set).
    /// </summary>
    private const double MinStandingRowShare = 0.5;

    /// <summary>
    /// Least lightness of the strip (its median, Lab L) for a thinning within a run to be road: at dusk and in rain a
    /// dark or grey car standing in the lane may cover only part of its centre (75–90 gave the same figures; 60 let
    /// such cars end queues in rain and at dusk, 110 excluded lit but hazy pictures).
    /// </summary>
    private const double MinLitBrightness = 80;

    /// <summary>
    /// How far (× the one-colour tolerance) a row at a stretch's end may differ from the stretch's colour and still be
    /// its blurred edge: a row mostly over the box and partly over its neighbour differs by that part of their
    /// contrast, more than the tolerance a row within the box must meet (3–4 give the same figures, 2 gains less).
    /// </summary>
    private const double BlurredEdgeTolerance = 3;

    /// <summary>
    /// Least lightness (× the strip's median) of a stretch whose blurred edges are counted: a box's roof faces the sky
    /// and is lit, while dark cars with their glass and shadows merge into one dark stretch (0.6–0.9 give the same or
    /// one scene less).
    /// </summary>
    private const double LitRoofShare = 0.75;

    private readonly QueueAnalyzerOptions _options = options ?? new QueueAnalyzerOptions();

    /// <summary>Analyses <paramref name="image"/> (8-bit BGR); <paramref name="reference"/> is the same view empty.</summary>
    public QueueEstimate Analyze(Mat image, LaneProfile lane, Mat? reference = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(lane);
        var problems = lane.Validate(image.Width, image.Height);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(lane));
        }

        var geometry = LaneGeometry.Build(lane, image.Width, image.Height, _options.FocalLengthPixels);
        if (lane.Widths is not null && lane.MetresFromHead is null && _options.FocalLengthPixels is null)
        {
            // The reference shows every dash; in the live image vehicles hide some.
            var paint = reference is not null && reference.Size() == image.Size() ? reference : image;
            if (MarkingScale.FocalLength(paint, geometry, _options.DashPeriodMetres) is { } focal)
            {
                geometry = LaneGeometry.Build(lane, image.Width, image.Height, focal);
            }
        }

        // Where the lane comes towards the camera from a far head, a vehicle standing at the head rises above the
        // lane's first point in the picture and may show little of itself within the lane: the strips start that
        // far beyond the head.
        var prefix = HeadPrefix(geometry, image.Width, image.Height);
        var rows = geometry.Count + prefix;
        using var mapX = new Mat(rows, Columns, MatType.CV_32FC1);
        using var mapY = new Mat(rows, Columns, MatType.CV_32FC1);
        FillMaps(geometry, mapX, mapY, Columns, InnerWidth, prefix);

        using var strip = new Mat();
        Cv2.Remap(image, strip, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Replicate);

        // The lane with its surroundings (shoulders, neighbouring lanes): where the road surface's colour is learned
        // when there is no reference, since a jammed lane may show little of its own asphalt.
        using var contextX = new Mat(rows, ContextColumns, MatType.CV_32FC1);
        using var contextY = new Mat(rows, ContextColumns, MatType.CV_32FC1);
        FillMaps(geometry, contextX, contextY, ContextColumns, ContextWidth, prefix);
        using var context = new Mat();
        Cv2.Remap(image, context, contextX, contextY, InterpolationFlags.Linear, BorderTypes.Replicate);
        (Mat Strip, Mat Context)? referenceStrips = null;
        Mat? markings = null;
        bool[]? resolved = null;
        Mat? resized = null;
        try
        {
            if (reference is null)
            {
                // Bands across the lane's edges: the asphalt beside the paint tells the road's grey from a white van's.
                var fractions = RoadModel.MarkingFractions();
                using var markingX = new Mat(rows, fractions.Length, MatType.CV_32FC1);
                using var markingY = new Mat(rows, fractions.Length, MatType.CV_32FC1);
                geometry.FillCrossSectionMaps(markingX, markingY, fractions, prefix);
                markings = new Mat();
                Cv2.Remap(image, markings, markingX, markingY, InterpolationFlags.Linear, BorderTypes.Replicate);
                resolved = [.. Enumerable.Range(0, rows).Select(r => r >= prefix && geometry.WidthAt(r - prefix) >= RoadModel.MinMarkingWidthPixels)];
            }
            else
            {
                var source = reference;
                if (reference.Size() != image.Size())
                {
                    resized = new Mat();
                    Cv2.Resize(reference, resized, image.Size(), 0, 0, InterpolationFlags.Area);
                    source = resized;
                }

                // Both through the same tables as the live strips, so they match sample for sample.
                referenceStrips = (new Mat(), new Mat());
                Cv2.Remap(source, referenceStrips.Value.Strip, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
                Cv2.Remap(source, referenceStrips.Value.Context, contextX, contextY, InterpolationFlags.Linear, BorderTypes.Replicate);
            }

            var (beyondHead, profile) = StripProfile.Measure(strip, context, referenceStrips, markings, resolved).Split(prefix);
            return Decide(geometry, lane, profile, beyondHead);
        }
        finally
        {
            markings?.Dispose();
            referenceStrips?.Strip.Dispose();
            referenceStrips?.Context.Dispose();
            resized?.Dispose();
        }
    }

    /// <summary>Remap tables over a centred share of the lane's width, in evenly spaced columns.</summary>
    private static void FillMaps(LaneGeometry geometry, Mat mapX, Mat mapY, int columns, double share, int before) =>
        geometry.FillCrossSectionMaps(mapX, mapY, [.. Enumerable.Range(0, columns).Select(c => share * (((double)c / (columns - 1)) - 0.5))], before);

    /// <summary>
    /// Rows sampled beyond the head: where the lane comes towards the camera from its head, the height a vehicle
    /// standing at the head rises in the picture (its height at the head's scale, 3.5 m to the lane's width), as far
    /// as the picture goes; none where the lane runs away from the camera (a vehicle at the head then stands over the
    /// lane itself).
    /// </summary>
    private int HeadPrefix(LaneGeometry geometry, int width, int height)
    {
        if (!geometry.HasPerspective || geometry.RecedesAt(0))
        {
            return 0;
        }

        var wanted = (int)Math.Ceiling(HeadVehicleHeightMetres * geometry.WidthAt(0) / LaneProfile.LaneWidthMetres);
        var rows = 0;
        while (rows < wanted)
        {
            var (x, y) = geometry.PointBeforeHead(rows + 1);
            if (x < 0 || y < 0 || x > width - 1 || y > height - 1)
            {
                break;
            }

            rows++;
        }

        return rows;
    }

    private QueueEstimate Decide(LaneGeometry geometry, LaneProfile lane, StripProfile profile, double[] beyondHead)
    {
        var n = geometry.Count;
        var occupied = new bool[n];
        for (var s = 0; s < n; s++)
        {
            occupied[s] = profile.Occupancy[s] >= StripProfile.OccupiedAbove;
        }

        var runs = Runs(geometry, occupied);
        if (StandsAtHead(beyondHead))
        {
            // Something stands at the head whose body the lane's own samples may miss (a grey van in rain, seen from
            // behind, is little else than the road's grey with its glass above the head): the queue starts with a
            // vehicle there, one car length long unless the lane shows more of it.
            var carEnd = geometry.StepAtMetres(_options.CarSpacingMetres - StandingGapMetres);
            if (runs.Count > 0 && runs[0].From <= carEnd)
            {
                runs[0] = (0, Math.Max(runs[0].To, carEnd));
            }
            else
            {
                runs.Insert(0, (0, carEnd));
            }
        }

        var tolerance = _options.GapToleranceMetres;
        var queue = new List<(int From, int To)>();
        (int From, int To)? roofEdge = null;
        int? underside = null;
        var reach = 0.0;
        foreach (var run in runs)
        {
            // Red lamps in a gap are vehicles the cues missed (dark ones at dusk): the gap is counted from them.
            if (queue.Count > 0)
            {
                reach = LampReach(geometry, profile, reach, run.From, tolerance);
            }

            var gap = geometry.MetresAt(run.From) - reach;
            if (gap > tolerance)
            {
                break;
            }

            // A vehicle shows at least its own length; a short band standing apart from the queue is part of one at
            // most: the lit edge of a box's roof whose faces the cues took for road, or a shadow's edge, a marking.
            if (gap > StrayGapMetres && geometry.MetresBetween(run.From, run.To) < MinVehicleMetres)
            {
                if (queue.Count > 0 && IsRoofEdge(geometry, profile, run))
                {
                    roofEdge = run;
                }
                else if (queue.Count > 0 && underside is null && IsBoxUnderside(geometry, profile, queue[^1], run))
                {
                    underside = run.To;
                }

                continue;
            }

            // A band shorter than a vehicle, mostly rows where a thin dark line crosses the whole road, is a sealing
            // strip, not a vehicle: one in the lane cannot darken the road beside it in the same thin line.
            if (queue.Count > 0 && geometry.MetresBetween(run.From, run.To) < MinVehicleMetres && CrossLineShare(profile, run) >= MinCrossLineShare)
            {
                continue;
            }

            // Beyond the first vehicle, a run seen on one side of the lane only is a tall vehicle in the next lane
            // leaning into the picture, or its shadow: it neither extends the queue nor bridges a gap.
            if (queue.Count > 0 && IsOneSided(profile, run))
            {
                continue;
            }

            // A run that thins to road within it, where the road a car hides beside that break makes the real gap
            // longer than the tolerance, holds the queue's end and moving traffic behind it: the queue ends there.
            if (MovingTrafficBreak(geometry, profile, run) is { } lastStanding)
            {
                queue.Add((run.From, lastStanding));
                roofEdge = null;
                underside = null;
                break;
            }

            queue.Add(run);
            roofEdge = null;
            underside = null;
            reach = geometry.MetresAt(run.To);
        }

        var endStep = queue.Count > 0 ? queue[^1].To : 0;
        if (roofEdge is { } edge)
        {
            // The queue ends in a box whose roof's far edge is all the cues saw of it: its back stands where that edge
            // hides the road a box's height hides, and not before the vehicles ahead of it.
            var back = geometry.MetresAt(edge.To) - geometry.OcclusionMetres(edge.To, _options.TruckHeightMetres);
            endStep = Math.Max(endStep, geometry.StepAtMetres(back));
        }
        else if (queue.Count > 0 && geometry.RecedesAt(endStep))
        {
            // The last vehicle's roof hides road behind it: the occupied run ends beyond its back bumper, by more
            // behind a truck's box, which stands more than twice as high as a car.
            endStep = BackOf(geometry, profile, queue[^1]);
            var last = queue[^1];
            // A last run shorter than the road a roof hides there is no whole vehicle (that shows its length and the
            // road behind it): apart from the run before it by road, it is a piece of the vehicle before (its roof's
            // far part) or its shadow, and that vehicle's back may lie before the run, though not before the back
            // the runs before it give.
            if (queue.Count > 1 && geometry.MetresBetween(last.From, last.To) < geometry.OcclusionMetres(last.To, _options.VehicleHeightMetres)
                && geometry.MetresBetween(queue[^2].To, last.From) >= MinFragmentGapMetres)
            {
                var back = geometry.MetresAt(last.To) - geometry.OcclusionMetres(last.To, _options.VehicleHeightMetres);
                endStep = Math.Max(BackOf(geometry, profile, queue[^2]), geometry.StepAtMetres(back));
            }
        }

        // The count reads the queue's length before the road under a truck's box is added: a truck found in the run
        // is counted whole, and its spacing holds that road already.
        var countedMetres = geometry.MetresAt(endStep);
        if (roofEdge is null && queue.Count > 0 && !geometry.RecedesAt(endStep))
        {
            endStep = BoxBack(geometry, profile, queue[^1], underside);
        }

        var queueMetres = geometry.MetresAt(endStep);
        var vehicles = CountVehicles(geometry, profile, queue, countedMetres);
        var laneMetres = geometry.LengthMetres;
        var notes = new List<string>();
        var confidence = Confidence(geometry, lane, profile, notes);
        var cells = Cells(geometry, profile, occupied, endStep);
        return new QueueEstimate(
            vehicles,
            geometry.PointAt(endStep),
            laneMetres > 0 ? Math.Clamp(queueMetres / laneMetres, 0, 1) : 0,
            lane.IsCalibrated ? Math.Round(queueMetres, 1) : null,
            lane.IsCalibrated ? Math.Round(laneMetres, 1) : null,
            Math.Round(confidence, 2),
            profile.UsedReference,
            cells,
            notes);
    }

    /// <summary>
    /// The last row before a break within <paramref name="run"/> that can only be a gap longer than the gap tolerance,
    /// or null when there is none: in a lit picture (<see cref="MinLitBrightness"/>), rows where no vehicle stands
    /// across the lane's centre (under <see cref="MinStandingRowShare"/> of it covered, or one side only) between rows
    /// where one does, whose ground plus the road the vehicle on the camera's side of the break hides (at least a
    /// car's, <see cref="LowestVehicleHeightMetres"/>) exceeds the tolerance.
    /// </summary>
    /// <remarks>
    /// Far from the camera a vehicle's top hides tens of metres of road beside it, so moving traffic 45–75 m behind a
    /// queue shows a break of a row or two, which half-covered rows (the blur of the vehicles either side, a next
    /// lane's vehicle leaning in) joined into the queue's run: a queue of one car read as 8 vehicles over 83 m. Standing
    /// vehicles keep gaps of a few metres, which at that distance no row shows at all.
    /// </remarks>
    private int? MovingTrafficBreak(LaneGeometry geometry, StripProfile profile, (int From, int To) run)
    {
        if (profile.Brightness < MinLitBrightness)
        {
            return null;
        }

        var lastStanding = -1;
        for (var r = run.From; r <= run.To; r++)
        {
            if (!profile.BothSides[r] || profile.Occupancy[r] < MinStandingRowShare)
            {
                continue;
            }

            if (lastStanding >= 0 && r - lastStanding > 1)
            {
                var hiding = geometry.RecedesAt(r) ? lastStanding : r;
                var gap = geometry.MetresBetween(lastStanding, r) + geometry.OcclusionMetres(hiding, LowestVehicleHeightMetres);
                if (gap > _options.GapToleranceMetres)
                {
                    return lastStanding;
                }
            }

            lastStanding = r;
        }

        return null;
    }

    /// <summary>Share of a run's rows where a thin dark line crosses the whole road (see <see cref="StripProfile.CrossLines"/>).</summary>
    private static double CrossLineShare(StripProfile profile, (int From, int To) run)
    {
        var n = 0;
        for (var r = run.From; r <= run.To; r++)
        {
            n += profile.CrossLines[r] ? 1 : 0;
        }

        return (double)n / (run.To - run.From + 1);
    }

    /// <summary>Where the back of the last vehicle of <paramref name="run"/> stands (the run less the road its roof hides).</summary>
    private int BackOf(LaneGeometry geometry, StripProfile profile, (int From, int To) run)
    {
        var height = EndsInTruck(geometry, profile, run.From, run.To) ? _options.TruckHeightMetres : _options.VehicleHeightMetres;
        var back = geometry.MetresAt(run.To) - geometry.OcclusionMetres(run.To, height);
        return Math.Max(run.From, geometry.StepAtMetres(back));
    }

    /// <summary>
    /// True when fewer than <see cref="MinBothSidesShare"/> of a run's rows show something on both halves of the lane's
    /// centre: a vehicle in the lane stands across it, while a tall vehicle in the next lane, leaning into the picture
    /// where the lane is a few pixels wide, or its shadow covers one side.
    /// </summary>
    private static bool IsOneSided(StripProfile profile, (int From, int To) run)
    {
        var both = 0;
        for (var r = run.From; r <= run.To; r++)
        {
            both += profile.BothSides[r] ? 1 : 0;
        }

        return both < MinBothSidesShare * (run.To - run.From + 1);
    }

    /// <summary>
    /// How far the queue reaches towards step <paramref name="before"/> over the red lamps seen beyond
    /// <paramref name="reach"/> (metres), each within <paramref name="tolerance"/> of the last: at dusk a dark
    /// vehicle may show only its lamps, which carry the queue on without extending it.
    /// </summary>
    private static double LampReach(LaneGeometry geometry, StripProfile profile, double reach, int before, double tolerance)
    {
        for (var r = geometry.StepAtMetres(reach); r < before; r++)
        {
            var metres = geometry.MetresAt(r);
            if (metres - reach > tolerance)
            {
                break;
            }

            if (profile.Lamps[r])
            {
                reach = Math.Max(reach, metres);
            }
        }

        return reach;
    }

    /// <summary>
    /// True when the rows beyond the head show a vehicle standing there: a fair share of them occupied (a vehicle's
    /// back and glass, not a marking's speck).
    /// </summary>
    private static bool StandsAtHead(double[] beyondHead) =>
        beyondHead.Length >= MinHeadRows && beyondHead.Count(o => o >= StripProfile.OccupiedAbove) >= HeadShare * beyondHead.Length;

    /// <summary>
    /// True when an occupied run ends in a truck's or bus's box: a long stretch of one colour (its roof) is the last
    /// stretch of the run or the one before it.
    /// </summary>
    /// <remarks>
    /// Seen from behind, the box's back face (a shade darker than its roof) is a stretch of its own after the roof.
    /// The run's far edge is a ramp of colours over a few rows (the roof's edge, blur, JPEG), which splits into
    /// stretches of a row or two; counting those as the last stretches hid the roof in front of them, so stretches
    /// shorter than a metre are passed over when the roof is resolved (enough rows that a car's glass would have
    /// split it) and lighter than the strip's median — a roof facing the sky, where a long dark stretch is more often
    /// dark cars merged in dim light or rain.
    /// </remarks>
    private static bool EndsInTruck(LaneGeometry geometry, StripProfile profile, int from, int to)
    {
        var segments = UniformSegments(profile, from, to).ToList();
        double Metres((int From, int To) segment) => geometry.MetresBetween(segment.From, segment.To);
        const double RoofMetres = MinTruckMetres * RoofShare;
        var found = segments.TakeLast(2).Any(segment => Metres(segment) >= RoofMetres)
            || segments.Where(segment => Metres(segment) >= 1).TakeLast(2).Any(segment =>
                Metres(segment) >= RoofMetres
                && segment.To - segment.From >= MinResolvedRoofRows
                && profile.RowColour[(segment.From + segment.To) / 2].L > profile.Brightness);
        return found && !VehicleBehindRoof(geometry, segments, segments.Last(segment => Metres(segment) >= RoofMetres));
    }

    /// <summary>
    /// True when a resolved stretch of its own (a metre or more, <see cref="MinTruckRows"/> rows) follows a box's roof
    /// beyond <see cref="MinRoofSeparationMetres"/> of other colours: a box's far edge is a ramp of a row or two, so
    /// this is a car standing close behind the truck (its windscreen between), and the queue ends at that car's back.
    /// </summary>
    private static bool VehicleBehindRoof(LaneGeometry geometry, List<(int From, int To)> segments, (int From, int To) roof) =>
        segments.Any(segment => segment.From > roof.To
            && geometry.MetresBetween(segment.From, segment.To) >= 1
            && segment.To - segment.From + 1 >= MinTruckRows
            && geometry.MetresBetween(roof.To, segment.From) >= MinRoofSeparationMetres);

    /// <summary>
    /// Where the lane comes towards the camera, the queue's end when its last run ends in a box (a truck's back face,
    /// or its roof): the box stands on its chassis, so the road below its back edge shows beyond it and the run ends
    /// short of the back by the road the box's floor height hides; where its back face was the road's grey, the dark
    /// band below it (<paramref name="underside"/>) is where it stands.
    /// </summary>
    private static int BoxBack(LaneGeometry geometry, StripProfile profile, (int From, int To) last, int? underside)
    {
        if (underside is { } band)
        {
            return band;
        }

        if (!EndsInBox(geometry, profile, last.From, last.To))
        {
            return last.To;
        }

        var back = geometry.MetresAt(last.To) + geometry.OcclusionMetres(last.To, TruckFloorMetres);
        return Math.Min(geometry.Count - 1, Math.Max(last.To, geometry.StepAtMetres(back)));
    }

    /// <summary>
    /// True when a short band beyond the queue is the dark underside of a box whose back face the cues took for road
    /// (a light grey truck seen from behind where the lane comes towards the camera): the queue's last run ends in a
    /// box, the band shows on both sides of the lane's centre, and it stands within the road such a box's height
    /// hides from its roof's near edge.
    /// </summary>
    private bool IsBoxUnderside(LaneGeometry geometry, StripProfile profile, (int From, int To) last, (int From, int To) band) =>
        !geometry.RecedesAt(last.To)
        && EndsInBox(geometry, profile, last.From, last.To)
        && !IsOneSided(profile, band)
        && geometry.MetresBetween(last.To, band.From) <= UndersideReach * geometry.OcclusionMetres(last.To, _options.TruckHeightMetres);

    /// <summary>
    /// True when a run's last stretch of a metre or more (shorter ones at its edge are the colour ramp of the box's
    /// edge) is a resolved box: one colour as long as a truck's roof and, along the lane, a good share of the lane's
    /// width in pixels, as a box face is at any distance.
    /// </summary>
    private static bool EndsInBox(LaneGeometry geometry, StripProfile profile, int from, int to)
    {
        double Metres((int From, int To) segment) => geometry.MetresBetween(segment.From, segment.To);
        var stretches = UniformSegments(profile, from, to).Where(segment => Metres(segment) >= 1).ToList();
        if (stretches.Count == 0)
        {
            return false;
        }

        var last = stretches[^1];
        var rowsNeeded = TruckRowsAt(geometry, (last.From + last.To) / 2);
        return Metres(last) >= MinTruckMetres * RoofShare && last.To - last.From >= rowsNeeded;
    }

    /// <summary>
    /// True when a band is the lit top edge of a box's roof seen from behind: where the lane runs away from the camera
    /// (the roof then lies beyond the box's back in the picture) and clearly lighter than the strip, as a roof facing
    /// the sky is, while the box's faces may be the road's grey.
    /// </summary>
    private static bool IsRoofEdge(LaneGeometry geometry, StripProfile profile, (int From, int To) band)
    {
        if (!geometry.RecedesAt(band.To))
        {
            return false;
        }

        var lightness = 0.0;
        for (var r = band.From; r <= band.To; r++)
        {
            lightness += profile.RowColour[r].L;
        }

        return lightness / (band.To - band.From + 1) >= RoofEdgeLightness * profile.Brightness;
    }

    /// <summary>Occupied runs at least a metre long (cracks, markings and noise are shorter).</summary>
    private static List<(int From, int To)> Runs(LaneGeometry geometry, bool[] occupied)
    {
        var runs = new List<(int From, int To)>();
        foreach (var (from, to) in FlagRuns.Of(occupied))
        {
            // Bridge gaps under half a metre: a roof's highlight is not the end of a car.
            if (runs.Count > 0 && geometry.MetresBetween(runs[^1].To, from) < 0.5)
            {
                runs[^1] = (runs[^1].From, to);
                continue;
            }

            runs.Add((from, to));
        }

        return [.. runs.Where(r => r.To - r.From >= 1 && geometry.MetresBetween(r.From, r.To) >= 1.0)];
    }

    /// <summary>
    /// Counts the vehicles of a queue <paramref name="queueMetres"/> long, standing in <paramref name="queue"/>'s runs.
    /// </summary>
    /// <remarks>
    /// Two readings of the same queue are weighed together. The runs' reading (visible gaps, truck boxes, the road
    /// each run's last roof hides) goes wrong where runs break at vehicles the cues missed — each broken piece then
    /// loses the road its roof would hide, so long queues in rain and at dusk are undercounted — and where far trucks
    /// are not resolved. The length's reading (the trucks found, the rest of the queue at a fleet mean spacing) goes
    /// wrong where the queue holds real gaps or many unresolved trucks. Their errors are largely independent, so
    /// their weighted mean is closer than either (on the generated scenes, 4–9 more counts within 10 % in each of two
    /// sets of 200 than the runs alone, for any weight from 0.5 to 0.7 and spacing from 7.5 to 8 m).
    /// </remarks>
    private int CountVehicles(LaneGeometry geometry, StripProfile profile, List<(int From, int To)> queue, double queueMetres)
    {
        if (queue.Count == 0)
        {
            return 0;
        }

        var trucksFound = 0;

        // Fractions of a car spacing are summed over the runs and rounded once: rounding each short run on its own
        // biases the count by up to half a car per run, and a queue seen near the camera splits into many runs.
        var count = 0.0;
        var group = 0.0;

        // A visible gap between two runs is only the part of the real gap that no roof hides: the real gap is the
        // visible one plus the road hidden by the roof next to it. When that sum is longer than the gap tolerance,
        // the queue would have ended there, yet vehicles beyond were reached: the gap is vehicles the cues missed
        // (dark cars at dusk, grey ones in rain, a few blurred pixels far away), not road. Such a gap counts as cars,
        // and the road hidden next to it is not taken off, since there the roof hides the vehicle ahead, not road.
        // The same holds for a short gap beside a roof that hides more road than a standing gap: it is a vehicle's
        // dark or grey face, not road between vehicles (see IsBreakWithinVehicle).
        var missed = new bool[queue.Count];
        for (var i = 0; i + 1 < queue.Count; i++)
        {
            var gap = geometry.MetresBetween(queue[i].To, queue[i + 1].From);
            var hiding = geometry.RecedesAt(queue[i].To)
                ? geometry.OcclusionMetres(queue[i].To, _options.VehicleHeightMetres)
                : geometry.OcclusionMetres(queue[i + 1].From, _options.VehicleHeightMetres);
            missed[i] = gap + hiding > _options.GapToleranceMetres || IsBreakWithinVehicle(gap, hiding);
        }

        for (var i = 0; i < queue.Count; i++)
        {
            var (from, to) = queue[i];
            // Each run is longer than its vehicles by the road the farthest one's roof hides. Near the horizon that
            // guess grows fast and a small error in the horizon makes it huge, so it never takes more than a share of
            // the run.
            // Where the run touches an end of the lane, the hidden road lies outside the lane and was never measured,
            // except where the lane recedes to its far end (below).
            // The first standing gap of hidden road is part of the car spacing already, so only the rest comes off.
            var recedes = geometry.RecedesAt(to);
            var far = recedes ? to : from;
            var extent = geometry.MetresBetween(from, to);
            var cut = far <= 2 || far >= geometry.Count - 3;
            var unseen = recedes ? missed[i] : i > 0 && missed[i - 1];
            var hidden = Math.Max(0, geometry.OcclusionMetres(far, _options.VehicleHeightMetres) - StandingGapMetres);
            var length = extent - (cut || unseen ? 0 : Math.Min(hidden, MaxOcclusionShare * extent));
            if (recedes && far >= geometry.Count - 3)
            {
                // The lane recedes to its far end: the road the last roof hides lies inside the lane, and the queue
                // end (step 4) already stands before it, so the run counts only up to there.
                length = Math.Min(length, CutRunLength(geometry, from, queueMetres));
            }

            // Long stretches of one colour are trucks or buses (a line of cars changes colour and shows dark glass
            // every few metres): one vehicle each, the rest of the run is cars at car spacing.
            var trucks = 0;
            var segments = UniformSegments(profile, from, to).Select(s => (s.From, s.To, Box: false)).ToList();
            segments = recedes ? JoinBoxFaces(geometry, profile, segments) : JoinRoofsAndBacks(geometry, profile, segments);

            foreach (var (stretchFrom, stretchTo, box) in segments)
            {
                var (segmentFrom, segmentTo) = box ? (stretchFrom, stretchTo) : WithBlurredEdges(geometry, profile, stretchFrom, stretchTo, (from, to));
                var segment = geometry.MetresBetween(segmentFrom, segmentTo);
                if (IsResolvedTruck(geometry, segmentFrom, segmentTo))
                {
                    var n = box ? 1 : Math.Max(1, (int)Math.Round(segment / _options.TruckSpacingMetres));
                    trucks += n;
                    trucksFound += n;
                    length -= !box ? Math.Max(segment, n * _options.TruckSpacingMetres * 0.8)
                        : recedes ? BoxMetresTaken(geometry, segmentTo, segment)
                        : _options.TruckSpacingMetres;
                }
            }

            // Runs joined by a gap of missed vehicles are one stretch of queue: the least of one vehicle applies to it.
            group += trucks + (Math.Max(0, length) / CarSpacingIn(geometry, from, to));
            if (i + 1 < queue.Count && missed[i])
            {
                group += geometry.MetresBetween(to, queue[i + 1].From) / _options.CarSpacingMetres;
                continue;
            }

            // A run on its own is at least one vehicle.
            count += Math.Max(1, group);
            group = 0;
        }

        var byLength = trucksFound + (Math.Max(0, queueMetres + StandingGapMetres - (trucksFound * _options.TruckSpacingMetres)) / QueueLengthPerVehicleMetres);
        return Math.Max(1, (int)Math.Round((RunCountWeight * count) + ((1 - RunCountWeight) * byLength)));
    }

    /// <summary>
    /// Share of the lane's metres between two steps where a truck's body would be resolved (<see cref="IsResolvedTruck"/>):
    /// a stretch of <see cref="MinTruckMetres"/> from there spans enough rows.
    /// </summary>
    private static double ResolvedShare(LaneGeometry geometry, int from, int to)
    {
        var total = 0.0;
        var resolved = 0.0;
        for (var s = from; s < to; s++)
        {
            var step = geometry.MetresBetween(s, s + 1);
            total += step;
            if (TruckResolvableAt(geometry, s))
            {
                resolved += step;
            }
        }

        return total > 0 ? resolved / total : (TruckResolvableAt(geometry, from) ? 1 : 0);
    }

    /// <summary>True when a truck's body of <see cref="MinTruckMetres"/> starting at a step would span enough rows to be found.</summary>
    private static bool TruckResolvableAt(LaneGeometry geometry, int step)
    {
        var end = geometry.StepAtMetres(geometry.MetresAt(step) + MinTruckMetres);
        var rowsNeeded = TruckRowsAt(geometry, step);
        return end - step >= rowsNeeded && geometry.MetresBetween(step, end) >= MinTruckMetres - 0.5;
    }

    /// <summary>
    /// Car spacing in a run between two steps: <see cref="ResolvedCarSpacingMetres"/> over the share of it where trucks
    /// would have been found, the fleet's car spacing over the rest.
    /// </summary>
    private double CarSpacingIn(LaneGeometry geometry, int from, int to)
    {
        var share = ResolvedShare(geometry, from, to);
        return (share * ResolvedCarSpacingMetres) + ((1 - share) * _options.CarSpacingMetres);
    }

    /// <summary>
    /// Length a last run cut by the lane's far end counts where the lane recedes: up to the queue end, which stands
    /// before the road the last roof hides, plus <see cref="CutRunMarginMetres"/>.
    /// </summary>
    /// <remarks>
    /// Such a run was counted whole, as if the hidden road lay beyond the lane; but a queue ending within the lane
    /// runs on in the picture to the lane's end over its last roof's hidden road, which far away is tens of metres:
    /// up to a third of the run read as cars (a queue of 17 cars read as 20, one of 11 as 14).
    /// </remarks>
    private static double CutRunLength(LaneGeometry geometry, int from, double queueMetres) =>
        Math.Max(0, queueMetres + CutRunMarginMetres - geometry.MetresAt(from));

    /// <summary>
    /// True when a visible gap between two runs is too short to be road between standing vehicles: the roof beside it
    /// hides more road than drivers leave in a standing queue, so a real gap would show only what exceeds that hidden
    /// road, and one that shows just a sliver of it is far rarer than a vehicle's face the cues took for road (a dark
    /// car's back at dusk, a grey one in rain).
    /// </summary>
    /// <remarks>
    /// On the generated scenes four in five of the visible gaps within a queue lie on a vehicle, not between two; each
    /// such break took a roof's hidden road off the run beside it (and a short piece still counted as a whole vehicle),
    /// so long queues broken at dark or grey vehicles were undercounted.
    /// </remarks>
    private static bool IsBreakWithinVehicle(double gapMetres, double hiddenMetres) =>
        hiddenMetres > MinHiddenForBreakMetres && gapMetres < MaxBreakShareOfHidden * hiddenMetres;

    /// <summary>
    /// True when a stretch of one colour is long enough for a truck's or bus's body and resolved: far away a car is a
    /// few pixels and neighbours blur into one colour, so only what spans enough rows is judged.
    /// </summary>
    private static bool IsResolvedTruck(LaneGeometry geometry, int from, int to)
    {
        var rowsNeeded = TruckRowsAt(geometry, (from + to) / 2);
        return geometry.MetresBetween(from, to) >= MinTruckMetres && to - from >= rowsNeeded;
    }

    /// <summary>Rows a truck's body must span at a step to be resolved: a share of the lane's width there, and a floor.</summary>
    private static double TruckRowsAt(LaneGeometry geometry, int step) =>
        Math.Max(MinTruckRows, MinTruckRowsPerLaneWidth * geometry.WidthAt(step));

    /// <summary>
    /// Where the lane recedes, joins a box's vertical face with the roof that follows it into one stretch marked as a
    /// box: one truck, however the two would have passed alone.
    /// </summary>
    /// <remarks>
    /// A truck's box shows its face (floor to top) and then its roof, which on the ground reach from the box's front to
    /// the road its top hides. Far from the camera the face alone spans 10–30 m of ground, so face and roof each passed
    /// as a truck (or the face as a truck, the roof as cars); near it a face and a short roof each fell short of a truck
    /// and counted as cars. The face is told by geometry (<see cref="IsBoxFace"/>), the roof by the same paint, lit more.
    /// </remarks>
    private static List<(int From, int To, bool Box)> JoinBoxFaces(LaneGeometry geometry, StripProfile profile, List<(int From, int To, bool Box)> segments) =>
        JoinPairs(segments, (face, roof) =>
            IsBoxFace(geometry, face.From, face.To)
            && IsRoofOf(profile, face, roof)
            && IsResolvedTruck(geometry, face.From, roof.To));

    /// <summary>
    /// Where the lane comes towards the camera, joins a box's roof with the back face that follows it into one stretch
    /// marked as a box: one truck, which takes its spacing off the run (see <see cref="CountVehicles"/>).
    /// </summary>
    /// <remarks>
    /// Seen from behind, a truck's box shows its roof and then, nearer the camera, its back face; in the strip both lie
    /// over the road ahead of the truck that its height hides, and over the vehicles standing there. Each part passed
    /// as a truck of its own, or the pair as a truck taking all its metres, while the run's extent is still the queue's
    /// length: the hidden vehicles went uncounted, or the box counted twice. The roof faces the sky (lit more than the
    /// box's back and than the strip), is as long as a truck's roof unless the lane's head cuts it, and is not two
    /// trucks' length; the back is told by the ground it spans (<see cref="IsBoxBack"/>).
    /// </remarks>
    private List<(int From, int To, bool Box)> JoinRoofsAndBacks(LaneGeometry geometry, StripProfile profile, List<(int From, int To, bool Box)> segments) =>
        JoinPairs(segments, (roof, back) =>
            back.From - roof.To - 1 < MaxRoofRampRows
            && IsBoxRoof(geometry, profile, roof)
            && IsRoofOf(profile, back, roof)
            && IsBoxBack(geometry, back.From, back.To)
            && IsResolvedTruck(geometry, roof.From, back.To));

    /// <summary>
    /// Joins each stretch with the next one past the short edge ramps between them (under <see cref="EdgeRampRows"/>
    /// rows) into one stretch marked as a box where <paramref name="isBox"/> says the pair is one box's two parts.
    /// </summary>
    private static List<(int From, int To, bool Box)> JoinPairs(
        List<(int From, int To, bool Box)> segments, Func<(int From, int To, bool Box), (int From, int To, bool Box), bool> isBox)
    {
        var joined = new List<(int From, int To, bool Box)>();
        var k = 0;
        while (k < segments.Count)
        {
            var next = k + 1;
            while (next < segments.Count && segments[next].To - segments[next].From < EdgeRampRows)
            {
                next++;
            }

            if (next < segments.Count && isBox(segments[k], segments[next]))
            {
                joined.Add((segments[k].From, segments[next].To, true));
                k = next + 1;
                continue;
            }

            joined.Add(segments[k]);
            k++;
        }

        return joined;
    }

    /// <summary>
    /// True when a stretch of a lane coming towards the camera can be a box's roof: resolved, lighter than the strip
    /// (it faces the sky), at least a truck roof's length unless it starts at the lane's head (the roof then runs on
    /// beyond it), and shorter than two trucks (longer is two boxes, or vehicles of one colour merged).
    /// </summary>
    private bool IsBoxRoof(LaneGeometry geometry, StripProfile profile, (int From, int To, bool Box) roof)
    {
        var metres = geometry.MetresBetween(roof.From, roof.To);
        var cut = roof.From <= 2;
        return roof.To - roof.From + 1 >= MinTruckRows
            && MeanColour(profile, roof.From, roof.To).L > profile.Brightness
            && (cut || metres >= MinTruckMetres * RoofShare)
            && metres < 1.5 * _options.TruckSpacingMetres;
    }

    /// <summary>
    /// True when a stretch of a lane coming towards the camera can be a box's back face: resolved, and spanning about
    /// the ground the face from its floor to its top hides there (less the lower part the vehicle behind it hides).
    /// </summary>
    private static bool IsBoxBack(LaneGeometry geometry, int from, int to)
    {
        if (to - from + 1 < MinTruckRows)
        {
            return false;
        }

        var span = geometry.OcclusionMetres(to, BoxFaceTopMetres) - geometry.OcclusionMetres(to, TruckFloorMetres);
        var ratio = geometry.MetresBetween(from, to) / Math.Max(0.1, span);
        return ratio >= MinBackRatio && ratio <= MaxBackRatio;
    }

    /// <summary>
    /// True when a stretch of a receding lane spans about the ground a vertical box face from its floor to its top spans
    /// there: the road its top hides less the road its floor hides. A roof or a car's stretch spans far less.
    /// </summary>
    private static bool IsBoxFace(LaneGeometry geometry, int from, int to)
    {
        if (to - from < MinTruckRows)
        {
            return false;
        }

        var span = geometry.OcclusionMetres(to, BoxFaceTopMetres) - geometry.OcclusionMetres(from, TruckFloorMetres);
        var ratio = geometry.MetresBetween(from, to) / Math.Max(0.1, span);
        return ratio >= MinFaceRatio && ratio <= MaxFaceRatio;
    }

    /// <summary>True when a stretch can be the roof of a box whose face is <paramref name="face"/>: its paint, lit more.</summary>
    private static bool IsRoofOf(StripProfile profile, (int From, int To, bool Box) face, (int From, int To, bool Box) roof)
    {
        var f = MeanColour(profile, face.From, face.To);
        var r = MeanColour(profile, roof.From, roof.To);
        return r.L >= RoofOverFaceLightness * f.L && Math.Abs(r.A - f.A) <= BoxHueTolerance && Math.Abs(r.B - f.B) <= BoxHueTolerance;
    }

    /// <summary>Mean of the rows' Lab colours (<see cref="StripProfile.RowColour"/>) from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    private static (double L, double A, double B) MeanColour(StripProfile profile, int from, int to)
    {
        double l = 0, a = 0, b = 0;
        for (var r = from; r <= to; r++)
        {
            l += profile.RowColour[r].L;
            a += profile.RowColour[r].A;
            b += profile.RowColour[r].B;
        }

        var n = to - from + 1;
        return (l / n, a / n, b / n);
    }

    /// <summary>
    /// Run metres a box (face and roof, one truck) stands for: its spacing in the queue and the road its box hides
    /// beyond what a car's roof would (the run's cars at car spacing already include that), at least what any truck
    /// takes and at most the box's stretch. Far away the stretch holds up to 40 m of hidden road; all of it taken off
    /// lost a car in long queues.
    /// </summary>
    private double BoxMetresTaken(LaneGeometry geometry, int far, double stretchMetres)
    {
        var spacing = _options.TruckSpacingMetres;
        var hidden = geometry.OcclusionMetres(far, _options.TruckHeightMetres) - geometry.OcclusionMetres(far, _options.VehicleHeightMetres);
        return Math.Max(spacing * 0.8, Math.Min(stretchMetres, spacing + hidden));
    }

    /// <summary>
    /// A stretch of one colour with the row at either end whose colour is a blur of the stretch's and its neighbour's,
    /// where that makes it a resolved truck (<see cref="IsResolvedTruck"/>); otherwise the stretch as it is. Only in lit
    /// pictures, and only for a stretch at least a vehicle long and lit like a box's roof.
    /// </summary>
    /// <remarks>
    /// Far away a box's edges blur across a row each, and the one-colour test compares each row with the stretch's mean,
    /// so the edge rows fall off and a truck's roof fell one or two rows short of the rows a truck must span (a yellow
    /// box's roof of 5 rows where 6.8 were needed, its edge rows of the same hue; a white one split into pieces at its
    /// ramps): the queue's metres there were counted as cars. A box's roof faces the sky, so it is lit; a dark stretch
    /// in a lit picture is dark cars with their glass and shadows, which merge into one colour however many they are,
    /// and in dim light (dusk, rain) every colour merges.
    /// </remarks>
    private static (int From, int To) WithBlurredEdges(LaneGeometry geometry, StripProfile profile, int from, int to, (int From, int To) run)
    {
        if (profile.Brightness < MinLitBrightness || IsResolvedTruck(geometry, from, to) || geometry.MetresBetween(from, to) < MinVehicleMetres)
        {
            return (from, to);
        }

        var mean = MeanColour(profile, from, to);
        if (mean.L < LitRoofShare * profile.Brightness)
        {
            return (from, to);
        }

        var limit = BlurredEdgeTolerance * ColourTolerance(profile);
        var first = from > run.From && ColourDistance(profile.RowColour[from - 1], mean) <= limit ? from - 1 : from;
        var last = to < run.To && ColourDistance(profile.RowColour[to + 1], mean) <= limit ? to + 1 : to;
        return IsResolvedTruck(geometry, first, last) ? (first, last) : (from, to);
    }

    /// <summary>Sum of the absolute Lab differences of two colours: the one-colour test's distance (<see cref="UniformSegments"/>).</summary>
    private static double ColourDistance((double L, double A, double B) x, (double L, double A, double B) y) =>
        Math.Abs(x.L - y.L) + Math.Abs(x.A - y.A) + Math.Abs(x.B - y.B);

    /// <summary>
    /// Largest colour difference of a row from a stretch's mean within one colour: in dim light every colour is squeezed
    /// towards black, so a line of cars looks uniform at daylight's tolerance.
    /// </summary>
    private static double ColourTolerance(StripProfile profile) =>
        UniformColourTolerance * Math.Clamp(profile.Brightness / 110, 0.4, 1);

    /// <summary>Splits rows into stretches whose colour stays within a tolerance of the stretch's mean.</summary>
    private static IEnumerable<(int From, int To)> UniformSegments(StripProfile profile, int from, int to)
    {
        var tolerance = ColourTolerance(profile);
        var start = from;
        double l = 0, a = 0, b = 0;
        var n = 0;
        for (var r = from; r <= to; r++)
        {
            var (rl, ra, rb) = profile.RowColour[r];
            if (n > 0 && ColourDistance(profile.RowColour[r], (l / n, a / n, b / n)) > tolerance)
            {
                yield return (start, r - 1);
                start = r;
                l = a = b = 0;
                n = 0;
            }

            l += rl;
            a += ra;
            b += rb;
            n++;
        }

        yield return (start, to);
    }

    private static double Confidence(LaneGeometry geometry, LaneProfile lane, StripProfile profile, List<string> notes)
    {
        var confidence = profile.Separation;
        if (profile.Brightness < 60)
        {
            confidence *= 0.7;
            notes.Add("The image is dark (dusk or night): vehicles and road are harder to tell apart.");
        }

        var farWidth = Math.Min(geometry.WidthAt(0), geometry.WidthAt(geometry.Count - 1));
        if (farWidth < 8)
        {
            confidence *= 0.7;
            notes.Add("The far end of the lane is under 8 pixels wide: vehicles there are only a few pixels.");
        }

        if (!lane.IsCalibrated)
        {
            confidence *= 0.8;
            notes.Add("No lane widths were given, so perspective and metres are guessed.");
        }

        if (!profile.UsedReference)
        {
            confidence *= 0.9;
        }

        return Math.Clamp(confidence, 0, 1);
    }

    private static List<LaneCell> Cells(LaneGeometry geometry, StripProfile profile, bool[] occupied, int endStep)
    {
        var cells = new List<LaneCell>();
        var s = 0;
        while (s < geometry.Count - 1)
        {
            // About two metres per cell, at least three pixels.
            var to = Math.Min(geometry.Count - 1, Math.Max(s + 3, geometry.StepAtMetres(geometry.MetresAt(s) + 2)));
            var share = 0.0;
            var busy = 0;
            for (var k = s; k < to; k++)
            {
                share += profile.Occupancy[k];
                busy += occupied[k] ? 1 : 0;
            }

            var rows = Math.Max(1, to - s);
            cells.Add(new LaneCell(
                geometry.MetresAt(s), geometry.MetresAt(to), share / rows, busy * 2 >= rows, to <= endStep,
                [Edge(geometry, s, -1), Edge(geometry, s, 1), Edge(geometry, to, 1), Edge(geometry, to, -1)]));
            s = to;
        }

        return cells;
    }

    private static PixelPoint Edge(LaneGeometry geometry, int step, int side)
    {
        var p = geometry.PointAt(step);
        var (nx, ny) = geometry.NormalAt(step);
        var half = geometry.WidthAt(step) / 2 * side;
        return new PixelPoint(p.X + (nx * half), p.Y + (ny * half));
    }
}
