using System.Globalization;

namespace BorderWatch.Vision.Queues;

/// <summary>A point in image pixels (x to the right, y down).</summary>
public readonly record struct PixelPoint(double X, double Y)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X:0.#},{Y:0.#}");
}

/// <summary>
/// Where the queue stands in an image: a polyline in pixels from the queue head (the border gate) outward, with an
/// optional lane width in pixels at each vertex. A lane is about <see cref="LaneWidthMetres"/> wide on the ground,
/// so the widths tell the analyser how many metres one pixel spans along the lane, perspective included.
/// </summary>
public sealed record LaneProfile
{
    /// <summary>Width of a road lane on the ground; the standard on European and Asian highways is 3.5 m.</summary>
    public const double LaneWidthMetres = 3.5;

    /// <summary>Most points a lane may have; more is not a lane someone drew.</summary>
    public const int MaxPoints = 64;

    public LaneProfile(IReadOnlyList<PixelPoint> points, IReadOnlyList<double>? widths = null, IReadOnlyList<double>? metresFromHead = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = points;
        Widths = widths;
        MetresFromHead = metresFromHead;
    }

    /// <summary>Vertices from the queue head outward.</summary>
    public IReadOnlyList<PixelPoint> Points { get; }

    /// <summary>Lane width in pixels at each vertex, or null when the analyst gave none (no perspective).</summary>
    public IReadOnlyList<double>? Widths { get; }

    /// <summary>
    /// Optional ground calibration: the distance in metres from the head to each vertex, measured on a map or on
    /// site. When given it overrides the metres inferred from the widths.
    /// </summary>
    public IReadOnlyList<double>? MetresFromHead { get; }

    /// <summary>True when metres along the lane can be stated (widths or a ground calibration).</summary>
    public bool IsCalibrated => Widths is not null || MetresFromHead is not null;

    /// <summary>Checks the lane against an image of the given size; returns one message per problem, empty when valid.</summary>
    public IReadOnlyList<string> Validate(int imageWidth, int imageHeight)
    {
        var errors = new List<string>();
        if (Points.Count < 2)
        {
            errors.Add("A lane needs at least two points, from the queue head (the gate) outward.");
            return errors;
        }

        if (Points.Count > MaxPoints)
        {
            errors.Add($"A lane has at most {MaxPoints} points.");
        }

        for (var i = 0; i < Points.Count; i++)
        {
            var p = Points[i];
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || p.X < 0 || p.Y < 0 || p.X > imageWidth - 1 || p.Y > imageHeight - 1)
            {
                errors.Add($"Lane point {i + 1} ({p}) is outside the {imageWidth}×{imageHeight} image.");
            }
        }

        var length = 0.0;
        for (var i = 1; i < Points.Count; i++)
        {
            length += Distance(Points[i - 1], Points[i]);
        }

        if (length < 10)
        {
            errors.Add("The lane is shorter than 10 pixels; draw it along the road from the gate outward.");
        }

        if (Widths is not null)
        {
            if (Widths.Count != Points.Count)
            {
                errors.Add($"Give one lane width per point: {Points.Count} points but {Widths.Count} widths.");
            }
            else if (Widths.Any(w => !double.IsFinite(w) || w < 2 || w > Math.Max(imageWidth, imageHeight)))
            {
                errors.Add("Lane widths must be pixel widths between 2 and the image size.");
            }
        }

        if (MetresFromHead is not null)
        {
            if (MetresFromHead.Count != Points.Count)
            {
                errors.Add($"Give one distance per point: {Points.Count} points but {MetresFromHead.Count} distances.");
            }
            else
            {
                for (var i = 1; i < MetresFromHead.Count; i++)
                {
                    if (!(MetresFromHead[i] > MetresFromHead[i - 1]) || !double.IsFinite(MetresFromHead[i]))
                    {
                        errors.Add("Distances from the head must increase along the lane.");
                        break;
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>Parses <c>"x,y x,y …"</c> (the CLI and form syntax). Returns null and a message when malformed.</summary>
    public static IReadOnlyList<PixelPoint>? ParsePoints(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The lane is empty; give points as \"x,y x,y …\" from the queue head outward.";
            return null;
        }

        var points = new List<PixelPoint>();
        foreach (var token in text.Split([' ', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                error = $"'{(token.Length > 30 ? token[..30] + "…" : token)}' is not a point; write x,y in pixels, points separated by spaces.";
                return null;
            }

            points.Add(new PixelPoint(x, y));
            if (points.Count > MaxPoints)
            {
                error = $"A lane has at most {MaxPoints} points.";
                return null;
            }
        }

        return points;
    }

    /// <summary>Parses <c>"w w …"</c>, pixel widths, one per point.</summary>
    public static IReadOnlyList<double>? ParseNumbers(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var values = new List<double>();
        foreach (var token in text.Split([' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                error = $"'{(token.Length > 30 ? token[..30] + "…" : token)}' is not a number.";
                return null;
            }

            values.Add(value);
            if (values.Count > MaxPoints)
            {
                error = $"At most {MaxPoints} values.";
                return null;
            }
        }

        return values;
    }

    /// <summary>The lane in the CLI syntax, e.g. <c>"120,700 600,300"</c>.</summary>
    public string FormatPoints() => string.Join(' ', Points.Select(p => p.ToString()));

    /// <summary>The widths in the CLI syntax, or null.</summary>
    public string? FormatWidths() => Widths is null ? null : string.Join(' ', Widths.Select(w => w.ToString("0.#", CultureInfo.InvariantCulture)));

    internal static double Distance(PixelPoint a, PixelPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
