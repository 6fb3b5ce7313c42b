using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Synthesis;

/// <summary>Lighting and weather of a generated scene.</summary>
public enum SceneCondition
{
    Daylight,
    Dusk,
    Rain,
    Trucks,
    Gaps,
}

/// <summary>What a generated scene holds, exactly: the answers the estimator is measured against.</summary>
/// <param name="Lane">The lane as an analyst would draw it (head first), with widths at the vertices.</param>
/// <param name="Vehicles">Vehicles in the queue (standing, within the gap tolerance of the one ahead).</param>
/// <param name="QueueEndMetres">Ground distance from the head to the back of the last queued vehicle (0 when empty).</param>
/// <param name="LaneLengthMetres">Ground length of the drawn lane.</param>
/// <param name="QueueEnd">The queue end in image pixels.</param>
/// <param name="Condition">Lighting, weather or traffic of the scene.</param>
/// <param name="HeadNearCamera">True when the gate is near the camera and the queue runs away from it.</param>
/// <param name="Trucks">Trucks and buses among the queued vehicles.</param>
public sealed record SceneTruth(
    LaneProfile Lane,
    int Vehicles,
    double QueueEndMetres,
    double LaneLengthMetres,
    PixelPoint QueueEnd,
    SceneCondition Condition,
    bool HeadNearCamera,
    int Trucks)
{
    /// <summary>The ground distance from the head of the point of the lane nearest an image point (for scoring estimates).</summary>
    public required Func<PixelPoint, double> MetresAlongLane { get; init; }
}

/// <summary>A generated scene: the image, the same road empty (a reference frame), and the truth.</summary>
public sealed class SyntheticScene(Mat image, Mat emptyRoad, SceneTruth truth) : IDisposable
{
    public Mat Image { get; } = image;

    /// <summary>The same view without vehicles, in slightly different light: what an analyst would set as reference.</summary>
    public Mat EmptyRoad { get; } = emptyRoad;

    public SceneTruth Truth { get; } = truth;

    public void Dispose()
    {
        Image.Dispose();
        EmptyRoad.Dispose();
    }
}

/// <summary>
/// Renders road scenes through a pinhole camera: a multi-lane road on flat ground, a queue of cars, vans, trucks and
/// buses (3-D boxes) standing in one lane from the head outward, traffic in the other lanes, shadows, dusk with lamps,
/// rain, sensor noise — with the exact ground truth. Deterministic for a seed.
/// </summary>
public sealed class SceneSynthesizer
{
    private const double LaneWidth = LaneProfile.LaneWidthMetres;

    /// <summary>Gap beyond which a vehicle is no longer part of the queue ahead of it (matches the estimator's tolerance).</summary>
    public const double QueueGapMetres = QueueAnalyzer.DefaultGapToleranceMetres;

    private static readonly Scalar[] BodyColours =
    [
        new(235, 235, 235), new(245, 245, 240), new(225, 228, 230), // white
        new(30, 30, 32), new(45, 42, 40), // black
        new(150, 150, 150), new(175, 175, 172), new(115, 115, 118), // silver and grey, close to asphalt
        new(150, 70, 20), new(110, 50, 25), // blue (BGR)
        new(40, 35, 170), new(30, 30, 130), // red
        new(60, 110, 60), new(40, 190, 220), new(90, 130, 170), // green, yellow, beige
    ];

    private readonly int _width;
    private readonly int _height;

    public SceneSynthesizer(int width = 1280, int height = 720)
    {
        if (width < 320 || height < 240 || width > 7680 || height > 4320)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "Scenes are between 320×240 and 7680×4320 pixels.");
        }

        _width = width;
        _height = height;
    }

    /// <summary>The condition the n-th scene of a series gets, so a series covers all of them evenly.</summary>
    public static SceneCondition ConditionFor(int index) => (SceneCondition)(index % 5);

    public SyntheticScene Generate(int seed, SceneCondition? condition = null)
    {
        var random = new Random(seed);
        // Sensor noise comes from OpenCV's generator (per thread): seeded here, the same seed draws the same picture
        // whatever was generated before it on this thread.
        Cv2.SetTheRNG((ulong)seed);
        var scene = new SceneSpec(random, _width, _height, condition ?? ConditionFor(seed));
        while (!scene.IsUsable)
        {
            scene = new SceneSpec(random, _width, _height, condition ?? ConditionFor(seed));
        }

        var image = Render(scene, random, withVehicles: true, gain: 1.0);
        var emptyRoad = Render(scene, new Random(seed ^ 0x5bd1e995), withVehicles: false, gain: 0.9 + (random.NextDouble() * 0.2));
        return new SyntheticScene(image, emptyRoad, scene.Truth());
    }

    private static Mat Render(SceneSpec s, Random random, bool withVehicles, double gain)
    {
        var image = new Mat(s.Height, s.Width, MatType.CV_8UC3);
        DrawBackground(s, image);
        DrawRoad(s, image);
        if (withVehicles)
        {
            var vehicles = s.Vehicles.OrderByDescending(v => s.Camera.Depth(v.Centre(s))).ToList();
            if (s.Condition != SceneCondition.Dusk && s.Condition != SceneCondition.Rain)
            {
                DrawShadows(s, image, vehicles);
            }

            foreach (var vehicle in vehicles)
            {
                DrawVehicle(s, image, vehicle);
            }
        }

        Finish(s, image, random, gain);
        return image;
    }

    private static void DrawBackground(SceneSpec s, Mat image)
    {
        var horizon = (int)Math.Clamp(s.Camera.HorizonRow, -1, s.Height);
        var sky = s.Condition switch
        {
            SceneCondition.Dusk => new Scalar(95, 70, 60),
            SceneCondition.Rain => new Scalar(150, 150, 145),
            _ => new Scalar(225, 200, 170),
        };
        image.SetTo(s.VergeColour);
        if (horizon > 0)
        {
            image[new Rect(0, 0, s.Width, horizon)].SetTo(sky);
        }
    }

    private static void DrawRoad(SceneSpec s, Mat image)
    {
        var lanes = s.LaneCount;
        var left = -s.LaneIndex * LaneWidth - (LaneWidth / 2) - 0.5;
        var right = left + (lanes * LaneWidth) + 1.0;
        FillGroundStrip(s, image, left, right, s.Asphalt);

        // Low-frequency patches: worn and repaired asphalt.
        using var patches = new Mat(6, 10, MatType.CV_32FC1);
        // Drawn from the scene's own seed: the empty-road twin must show the same worn patches.
        var patchRandom = new Random(s.PatchSeed);
        patches.SetArray(Enumerable.Range(0, 60).Select(_ => (float)((patchRandom.NextDouble() * 2) - 1) * 1.5f).ToArray());
        using var smooth = new Mat();
        Cv2.Resize(patches, smooth, new Size(s.Width, s.Height), 0, 0, InterpolationFlags.Cubic);
        using var roadMask = new Mat(s.Height, s.Width, MatType.CV_8UC1, Scalar.All(0));
        FillGroundStrip(s, roadMask, left, right, Scalar.All(255));
        using var shade = new Mat();
        smooth.ConvertTo(shade, MatType.CV_32FC1, 0.06, 1.0);
        ApplyGain(image, shade, roadMask);

        // Lane markings: dashed between lanes (3 m dash, 9 m gap), solid at the edges.
        var paint = new Scalar(215, 215, 210);
        for (var lane = 0; lane <= lanes; lane++)
        {
            var x = -s.LaneIndex * LaneWidth - (LaneWidth / 2) + (lane * LaneWidth);
            var solid = lane == 0 || lane == lanes;
            for (var y = s.MarkingStart; y < s.RoadEnd; y += solid ? 2 : 12)
            {
                var y2 = y + (solid ? 2 : 3);
                FillGroundQuad(s, image, [(x - 0.08, y), (x + 0.08, y), (x + 0.08, y2), (x - 0.08, y2)], paint);
            }
        }

        // Dark sealing strips across the road: texture that is not a vehicle.
        foreach (var crack in s.Cracks)
        {
            FillGroundQuad(s, image, [(left, crack), (right, crack), (right, crack + 0.25), (left, crack + 0.25)], Scale(s.Asphalt, 0.6));
        }
    }

    private static void FillGroundStrip(SceneSpec s, Mat image, double left, double right, Scalar colour)
    {
        for (var y = s.RoadStart; y < s.RoadEnd; y += 2)
        {
            FillGroundQuad(s, image, [(left, y), (right, y), (right, y + 2.05), (left, y + 2.05)], colour);
        }
    }

    /// <summary>Fills a polygon given in road coordinates (across, along), following the lane's curve.</summary>
    private static void FillGroundQuad(SceneSpec s, Mat image, (double Across, double Along)[] corners, Scalar colour)
    {
        var projected = new List<Point>(corners.Length);
        foreach (var (across, along) in corners)
        {
            if (s.Camera.Project(s.Ground(across, along, 0)) is not { } p)
            {
                return;
            }

            projected.Add(p);
        }

        Cv2.FillConvexPoly(image, projected, colour, LineTypes.AntiAlias);
    }

    private static void DrawShadows(SceneSpec s, Mat image, List<Vehicle> vehicles)
    {
        using var mask = new Mat(s.Height, s.Width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var v in vehicles)
        {
            // The box's footprint and its top corners pushed along the sun to the ground: the hull is the shadow.
            var ground = new List<Point2f>();
            foreach (var (across, along) in v.Footprint())
            {
                var foot = s.Ground(across, along, 0);
                ground.Add(new Point2f((float)foot.X, (float)foot.Y));
                ground.Add(new Point2f((float)(foot.X + (s.SunDx * v.Height)), (float)(foot.Y + (s.SunDy * v.Height))));
            }

            var hull = Cv2.ConvexHull(ground);
            var projected = new List<Point>();
            foreach (var g in hull)
            {
                if (s.Camera.Project(new Vec3(g.X, g.Y, 0)) is not { } p)
                {
                    projected.Clear();
                    break;
                }

                projected.Add(p);
            }

            if (projected.Count >= 3)
            {
                Cv2.FillConvexPoly(mask, projected, Scalar.All(255), LineTypes.AntiAlias);
            }
        }

        using var darker = new Mat(s.Height, s.Width, MatType.CV_32FC1, Scalar.All(0.55));
        ApplyGain(image, darker, mask);
    }

    private static void DrawVehicle(SceneSpec s, Mat image, Vehicle v)
    {
        var glass = s.Condition == SceneCondition.Dusk ? new Scalar(25, 22, 20) : new Scalar(55, 50, 45);
        switch (v.Type)
        {
            case VehicleType.Car:
                DrawBox(s, image, v, 0, v.Length, 0.25, 1.0, v.Colour, v.Colour);
                DrawBox(s, image, v, v.Length * 0.22, v.Length * 0.78, 1.0, 1.45, glass, v.Colour);
                break;
            case VehicleType.Van:
                DrawBox(s, image, v, 0, v.Length, 0.25, 2.0, v.Colour, v.Colour);
                DrawBox(s, image, v, 0.05, 0.9, 1.1, 1.9, glass, glass);
                break;
            case VehicleType.Bus:
                DrawBox(s, image, v, 0, v.Length, 0.3, 3.1, v.Colour, v.Colour);
                DrawBox(s, image, v, 0.2, v.Length - 0.2, 1.6, 2.5, glass, glass, inflate: 0.02);
                break;
            default:
                // Truck: a cab at the front (towards the head), then the cargo box.
                DrawBox(s, image, v, 0, 2.4, 0.4, 3.0, v.Colour, v.Colour);
                DrawBox(s, image, v, 2.7, v.Length, 0.9, 3.9, v.SecondColour, v.SecondColour);
                break;
        }

        if (s.Condition == SceneCondition.Dusk)
        {
            DrawLamps(s, image, v);
        }
    }

    /// <summary>
    /// Draws a box spanning <paramref name="from"/>–<paramref name="to"/> metres of the vehicle's length (front = 0,
    /// towards the head) between two heights, with simple shading: top lit, sides and ends darker.
    /// </summary>
    private static void DrawBox(SceneSpec s, Mat image, Vehicle v, double from, double to, double bottom, double top, Scalar sides, Scalar roof, double inflate = 0)
    {
        var halfWidth = (v.Width / 2) + inflate;
        var front = v.Front + from;
        var back = v.Front + to;
        var corners = new Vec3[8];
        var i = 0;
        foreach (var z in new[] { bottom, top })
        {
            foreach (var (across, along) in new[] { (v.Across - halfWidth, front), (v.Across + halfWidth, front), (v.Across + halfWidth, back), (v.Across - halfWidth, back) })
            {
                corners[i++] = s.Ground(across, along, z);
            }
        }

        var faces = new (int[] Index, double Shade, bool IsRoof)[]
        {
            ([4, 5, 6, 7], 1.05, true),
            ([0, 1, 5, 4], 0.7, false),
            ([2, 3, 7, 6], 0.7, false),
            ([1, 2, 6, 5], 0.82, false),
            ([3, 0, 4, 7], 0.82, false),
        };
        var centre = new Vec3(corners.Average(c => c.X), corners.Average(c => c.Y), corners.Average(c => c.Z));
        // Far faces first so nearer faces of the same box cover them.
        foreach (var (index, shade, isRoof) in faces.OrderByDescending(f => s.Camera.Depth(Mid(corners, f.Index))))
        {
            var mid = Mid(corners, index);
            var outward = mid - centre;
            var toCamera = s.Camera.Position - mid;
            if ((outward.X * toCamera.X) + (outward.Y * toCamera.Y) + (outward.Z * toCamera.Z) <= 0)
            {
                continue;
            }

            var points = new List<Point>(4);
            foreach (var k in index)
            {
                if (s.Camera.Project(corners[k]) is not { } p)
                {
                    return;
                }

                points.Add(p);
            }

            var colour = Scale(isRoof ? roof : sides, shade * s.Light);
            Cv2.FillConvexPoly(image, points, colour, LineTypes.AntiAlias);
        }
    }

    private static Scalar Scale(Scalar colour, double factor) =>
        new(colour.Val0 * factor, colour.Val1 * factor, colour.Val2 * factor);

    private static Vec3 Mid(Vec3[] corners, int[] index) =>
        new(index.Average(k => corners[k].X), index.Average(k => corners[k].Y), index.Average(k => corners[k].Z));

    private static void DrawLamps(SceneSpec s, Mat image, Vehicle v)
    {
        // The camera sees fronts (white lamps) when the queue comes towards it, backs (red lamps) when it goes away.
        var facingFront = !s.HeadNearCamera;
        var along = facingFront ? v.Front : v.Front + v.Length;
        var colour = facingFront ? new Scalar(225, 245, 255) : new Scalar(40, 40, 235);
        foreach (var side in new[] { -0.35, 0.35 })
        {
            if (s.Camera.Project(s.Ground(v.Across + (side * v.Width), along, 0.8)) is { } p)
            {
                var radius = Math.Max(1, (int)Math.Round(s.Camera.PixelsPerMetre(s.Ground(v.Across, along, 0.8)) * 0.18));
                Cv2.Circle(image, p, radius, colour, -1, LineTypes.AntiAlias);
            }
        }
    }

    private static void ApplyGain(Mat image, Mat gain, Mat mask)
    {
        using var asFloat = new Mat();
        image.ConvertTo(asFloat, MatType.CV_32FC3);
        using var gain3 = new Mat();
        Cv2.Merge([gain, gain, gain], gain3);
        using var scaled = asFloat.Mul(gain3).ToMat();
        using var back = new Mat();
        scaled.ConvertTo(back, MatType.CV_8UC3);
        back.CopyTo(image, mask);
    }

    private static void Finish(SceneSpec s, Mat image, Random random, double gain)
    {
        if (s.Condition == SceneCondition.Rain)
        {
            // Streaks of rain, then the softness of a wet lens.
            for (var i = 0; i < s.Width * s.Height / 2500; i++)
            {
                var x = random.Next(s.Width);
                var y = random.Next(s.Height);
                var length = 6 + random.Next(14);
                Cv2.Line(image, new Point(x, y), new Point(x + (length / 4), y + length), new Scalar(190, 190, 190), 1, LineTypes.AntiAlias);
            }

            Cv2.GaussianBlur(image, image, new Size(0, 0), 1.2);
        }

        using var noise = new Mat(s.Height, s.Width, MatType.CV_16SC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(s.Noise));
        using var wide = new Mat();
        image.ConvertTo(wide, MatType.CV_16SC3, gain * s.Exposure);
        Cv2.Add(wide, noise, wide);
        if (s.Condition == SceneCondition.Dusk)
        {
            Cv2.Add(wide, new Scalar(14, 4, 0), wide);
        }

        wide.ConvertTo(image, MatType.CV_8UC3);
    }

    private enum VehicleType
    {
        Car,
        Van,
        Truck,
        Bus,
    }

    /// <summary>A vehicle on the road; <c>Front</c> is its distance from the head (the end nearer the head), in metres.</summary>
    private sealed record Vehicle(VehicleType Type, double Front, double Length, double Width, double Height, double Across, Scalar Colour, Scalar SecondColour)
    {
        public IEnumerable<(double Across, double Along)> Footprint()
        {
            // Corner order does not matter: callers take a convex hull.
            yield return (Across - (Width / 2), Front);
            yield return (Across + (Width / 2), Front);
            yield return (Across - (Width / 2), Front + Length);
            yield return (Across + (Width / 2), Front + Length);
        }

        public Vec3 Centre(SceneSpec s) => s.Ground(Across, Front + (Length / 2), Height / 2);
    }

    /// <summary>A simple 3-D vector in metres (x across, y along the road, z up).</summary>
    private readonly record struct Vec3(double X, double Y, double Z)
    {
        public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    }

    /// <summary>A level-rolled pinhole camera above flat ground.</summary>
    private sealed class Camera(Vec3 position, double yaw, double pitch, double focal, int width, int height)
    {
        private readonly Vec3 _forward = new(Math.Sin(yaw) * Math.Cos(pitch), Math.Cos(yaw) * Math.Cos(pitch), -Math.Sin(pitch));
        private readonly Vec3 _right = new(Math.Cos(yaw), -Math.Sin(yaw), 0);
        private readonly Vec3 _up = new(Math.Sin(yaw) * Math.Sin(pitch), Math.Cos(yaw) * Math.Sin(pitch), Math.Cos(pitch));

        public Vec3 Position { get; } = position;

        /// <summary>Image row of the horizon (level roll).</summary>
        public double HorizonRow => (height / 2.0) - (focal * Math.Tan(pitch));

        public double Depth(Vec3 p) => Dot(p - Position, _forward);

        public Point? Project(Vec3 p)
        {
            var (u, v, ok) = ProjectExact(p);
            return ok ? new Point((int)Math.Round(u), (int)Math.Round(v)) : null;
        }

        public (double U, double V, bool Visible) ProjectExact(Vec3 p)
        {
            var d = p - Position;
            var z = Dot(d, _forward);
            if (z < 0.5)
            {
                return (0, 0, false);
            }

            var u = (width / 2.0) + (focal * Dot(d, _right) / z);
            var v = (height / 2.0) - (focal * Dot(d, _up) / z);
            // Keep far-off projections bounded so polygon filling never overflows.
            return (Math.Clamp(u, -20 * width, 21 * width), Math.Clamp(v, -20 * height, 21 * height), true);
        }

        public double PixelsPerMetre(Vec3 p) => focal / Math.Max(0.5, Depth(p));

        private static double Dot(Vec3 a, Vec3 b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);
    }

    /// <summary>Everything random about one scene, drawn once, so the scene and its empty twin agree.</summary>
    private sealed class SceneSpec
    {
        /// <summary>Curvature of the road (1 / radius); the centreline is a circular arc starting at the camera's foot.</summary>
        private readonly double _curvature;
        private readonly double _nearT;
        private readonly double _farT;

        public SceneSpec(Random random, int width, int height, SceneCondition condition)
        {
            Width = width;
            Height = height;
            Condition = condition;
            LaneCount = 2 + random.Next(3);
            LaneIndex = random.Next(LaneCount);
            HeadNearCamera = random.NextDouble() < 0.5;
            _curvature = random.NextDouble() < 0.4 ? (random.NextDouble() - 0.5) * 0.004 : 0;

            // Border webcams sit on masts, gantries and buildings looking down the approach road.
            var cameraHeight = 10 + (random.NextDouble() * 15);
            var pitch = (16 + (random.NextDouble() * 24)) * Math.PI / 180;
            var fov = (50 + (random.NextDouble() * 20)) * Math.PI / 180;
            var focal = width / (2 * Math.Tan(fov / 2));
            var yaw = (random.NextDouble() - 0.5) * 0.25;
            var offset = (random.NextDouble() - 0.5) * 6;
            Camera = new Camera(new Vec3(offset, 0, cameraHeight), yaw, pitch, focal, width, height);

            // The visible stretch of the lane: from just inside the bottom edge to where it is still ~1 % of the image wide.
            var minWidth = Math.Max(10, width * 0.013);
            double? near = null, far = null;
            for (var t = 1.0; t < 600; t += 0.5)
            {
                var (u, v, ok) = Camera.ProjectExact(AtArc(0, t, 0));
                var inside = ok && u > width * 0.03 && u < width * 0.97 && v > height * 0.06 && v < height * 0.96;
                if (!inside)
                {
                    if (near is not null)
                    {
                        break;
                    }

                    continue;
                }

                if (LaneWidthPixels(t) < minWidth)
                {
                    break;
                }

                near ??= t;
                far = t;
            }

            _nearT = near ?? 0;
            _farT = Math.Min(far ?? 0, _nearT + 320);
            // A camera that sees less than 40 m of the lane is drawn again (see Generate): a queue camera shows more.
            IsUsable = near is not null && _farT - _nearT >= 40;

            LaneLength = _farT - _nearT;
            // Road coordinates run from the head; draw the road well beyond both ends of the lane.
            RoadStart = -(LaneLength + 200);
            RoadEnd = LaneLength + 400;
            MarkingStart = RoadStart + (random.NextDouble() * 12);

            var gray = 85 + random.Next(55);
            Asphalt = new Scalar(gray + random.Next(-4, 5), gray + random.Next(-4, 5), gray + random.Next(-3, 4));
            VergeColour = random.NextDouble() < 0.5 ? new Scalar(70, 120, 85) : new Scalar(95, 125, 140);
            (Light, Exposure, Noise) = condition switch
            {
                SceneCondition.Dusk => (0.9, 0.4 + (random.NextDouble() * 0.15), 5 + (random.NextDouble() * 5)),
                SceneCondition.Rain => (0.95, 0.65 + (random.NextDouble() * 0.15), 4 + (random.NextDouble() * 4)),
                _ => (1.0, 0.95 + (random.NextDouble() * 0.1), 2 + (random.NextDouble() * 4)),
            };
            if (condition == SceneCondition.Rain)
            {
                Asphalt = Scale(Asphalt, 0.75);
            }

            var sun = random.NextDouble() * 2 * Math.PI;
            var elevation = (30 + (random.NextDouble() * 35)) * Math.PI / 180;
            SunDx = Math.Cos(sun) / Math.Tan(elevation);
            SunDy = Math.Sin(sun) / Math.Tan(elevation);
            PatchSeed = random.Next();
            Cracks = [.. Enumerable.Range(0, random.Next(4)).Select(_ => RoadStart + (random.NextDouble() * (RoadEnd - RoadStart)))];

            Vehicles = [];
            PlaceQueue(random);
            PlaceOtherLanes(random);
        }

        public bool IsUsable { get; }
        public int PatchSeed { get; }
        public int Width { get; }
        public int Height { get; }
        public SceneCondition Condition { get; }
        public Camera Camera { get; }
        public int LaneCount { get; }
        public int LaneIndex { get; }
        public bool HeadNearCamera { get; }
        public double RoadStart { get; }
        public double RoadEnd { get; }
        public double MarkingStart { get; }
        public Scalar Asphalt { get; }
        public Scalar VergeColour { get; }
        public double Light { get; }
        public double Exposure { get; }
        public double Noise { get; }
        public double SunDx { get; }
        public double SunDy { get; }
        public double[] Cracks { get; }
        public double LaneLength { get; }
        public List<Vehicle> Vehicles { get; }
        public int QueuedVehicles { get; private set; }
        public int QueuedTrucks { get; private set; }
        public double QueueEnd { get; private set; }

        /// <summary>+1 when distance from the head grows with distance from the camera, −1 otherwise.</summary>
        public double QueueSign => HeadNearCamera ? 1 : -1;

        /// <summary>
        /// A world point from road coordinates: <paramref name="across"/> metres right of the analysed lane's centre,
        /// <paramref name="along"/> metres from the head along the lane (beyond the lane's ends too).
        /// </summary>
        public Vec3 Ground(double across, double along, double z) =>
            AtArc(across, HeadNearCamera ? _nearT + along : _farT - along, z);

        /// <summary>A world point <paramref name="t"/> metres along the centreline from the camera's foot.</summary>
        private Vec3 AtArc(double across, double t, double z)
        {
            if (_curvature == 0)
            {
                return new Vec3(across, t, z);
            }

            var radius = 1 / _curvature;
            var heading = t * _curvature;
            var (sin, cos) = Math.SinCos(heading);
            return new Vec3((radius * (1 - cos)) + (across * cos), (radius * sin) - (across * sin), z);
        }

        public SceneTruth Truth()
        {
            var curved = _curvature != 0;
            var steps = curved ? 8 : 1;
            var points = new List<PixelPoint>();
            var widths = new List<double>();
            for (var i = 0; i <= steps; i++)
            {
                var along = LaneLength * i / steps;
                var (u, v, _) = Camera.ProjectExact(Ground(0, along, 0));
                points.Add(new PixelPoint(Math.Round(u, 1), Math.Round(v, 1)));
                widths.Add(Math.Round(LaneWidthPixels(HeadNearCamera ? _nearT + along : _farT - along), 1));
            }

            var samples = new List<(double U, double V, double Metres)>();
            for (var m = 0.0; m <= LaneLength; m += 0.25)
            {
                var (u, v, _) = Camera.ProjectExact(Ground(0, m, 0));
                samples.Add((u, v, m));
            }

            var end = Camera.ProjectExact(Ground(0, QueueEnd, 0));
            return new SceneTruth(new LaneProfile(points, widths), QueuedVehicles, QueueEnd, LaneLength, new PixelPoint(end.U, end.V), Condition, HeadNearCamera, QueuedTrucks)
            {
                MetresAlongLane = p => samples.MinBy(q => ((q.U - p.X) * (q.U - p.X)) + ((q.V - p.Y) * (q.V - p.Y))).Metres,
            };
        }

        private void PlaceQueue(Random random)
        {
            var empty = random.NextDouble() < 0.08;
            var target = empty ? 0 : LaneLength * (0.05 + (random.NextDouble() * 0.9));
            var truckShare = Condition == SceneCondition.Trucks ? 0.45 : 0.12;
            var position = 0.5 + (random.NextDouble() * 3.5);
            while (!empty)
            {
                var vehicle = NewVehicle(random, truckShare, position, jitter: 0.3);
                var back = position + vehicle.Length;
                if (back > target && QueuedVehicles > 0)
                {
                    break;
                }

                if (back > LaneLength - 1)
                {
                    break;
                }

                Vehicles.Add(vehicle);
                QueuedVehicles++;
                QueuedTrucks += vehicle.Type is VehicleType.Truck or VehicleType.Bus ? 1 : 0;
                QueueEnd = back;
                var gap = 0.8 + (random.NextDouble() * 2.2);
                if (Condition == SceneCondition.Gaps && random.NextDouble() < 0.15)
                {
                    gap = 5 + (random.NextDouble() * 9);
                }

                position = back + gap;
            }

            // Moving traffic well behind the queue's end is not part of it.
            var free = QueueEnd + QueueGapMetres + 25 + (random.NextDouble() * 30);
            while (random.NextDouble() < 0.5 && free < LaneLength - 8)
            {
                Vehicles.Add(NewVehicle(random, 0.1, free, jitter: 0.4) with { });
                free += 30 + (random.NextDouble() * 40);
            }
        }

        private void PlaceOtherLanes(Random random)
        {
            for (var lane = 0; lane < LaneCount; lane++)
            {
                if (lane == LaneIndex)
                {
                    continue;
                }

                var across = (lane - LaneIndex) * LaneWidth;
                var density = random.NextDouble();
                var position = -10 + (random.NextDouble() * 10);
                while (position < LaneLength + 60)
                {
                    var vehicle = NewVehicle(random, 0.15, position, jitter: 0.3);
                    if (random.NextDouble() < density)
                    {
                        Vehicles.Add(vehicle with { Across = vehicle.Across + across });
                    }

                    position += vehicle.Length + 1 + (random.NextDouble() * (density > 0.6 ? 3 : 25));
                }
            }
        }

        private Vehicle NewVehicle(Random random, double truckShare, double front, double jitter)
        {
            var roll = random.NextDouble();
            var colour = BodyColours[random.Next(BodyColours.Length)];
            var second = random.NextDouble() < 0.6 ? new Scalar(225, 225, 222) : BodyColours[random.Next(BodyColours.Length)];
            var across = (random.NextDouble() - 0.5) * 2 * jitter;
            if (roll < truckShare)
            {
                return random.NextDouble() < 0.75
                    ? new Vehicle(VehicleType.Truck, front, 12 + (random.NextDouble() * 4.5), 2.5, 3.9, across, colour, second)
                    : new Vehicle(VehicleType.Bus, front, 11 + (random.NextDouble() * 2), 2.5, 3.1, across, colour, colour);
            }

            return roll < truckShare + 0.15
                ? new Vehicle(VehicleType.Van, front, 5 + (random.NextDouble() * 1.5), 2.0, 2.0, across, colour, colour)
                : new Vehicle(VehicleType.Car, front, 4 + (random.NextDouble() * 1.0), 1.75 + (random.NextDouble() * 0.15), 1.45, across, colour, colour);
        }

        private double LaneWidthPixels(double t)
        {
            var (u1, v1, ok1) = Camera.ProjectExact(AtArc(-LaneWidth / 2, t, 0));
            var (u2, v2, ok2) = Camera.ProjectExact(AtArc(LaneWidth / 2, t, 0));
            return ok1 && ok2 ? Math.Sqrt(((u1 - u2) * (u1 - u2)) + ((v1 - v2) * (v1 - v2))) : 0;
        }
    }
}
