using BorderWatch.Core.Crossings;

namespace BorderWatch.Core.Readings;

/// <summary>Checks a <see cref="ReadingInput"/> and turns it into a <see cref="Reading"/>, naming every bad field at once.</summary>
public sealed class ReadingValidator(Gazetteer gazetteer, TimeProvider time)
{
    public ReadingValidationResult Validate(ReadingInput input, ReadingKind defaultKind = ReadingKind.Manual)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        var now = time.GetUtcNow();

        if (string.IsNullOrWhiteSpace(input.Crossing))
        {
            Fail("crossing", "The crossing slug is required.");
        }
        else if (!gazetteer.Contains(input.Crossing))
        {
            Fail("crossing", $"Unknown crossing '{Truncate(input.Crossing, 60)}'. GET /api/crossings lists the valid slugs.");
        }

        if (input.ObservedAt is { } observedAt)
        {
            if (observedAt > now + ReadingLimits.FutureTolerance)
            {
                Fail("observedAt", "observedAt is in the future; send the time the queue was seen, in UTC or with an offset.");
            }
            else if (observedAt < ReadingLimits.EarliestObservation)
            {
                Fail("observedAt", $"observedAt is before {ReadingLimits.EarliestObservation:yyyy-MM-dd}.");
            }
        }

        var kind = defaultKind;
        if (input.Kind is not null && !ReadingNames.TryParseKind(input.Kind, out kind))
        {
            Fail("kind", "kind must be one of image, report, manual, feed, agent.");
        }

        var direction = Direction.Unknown;
        if (input.Direction is not null && !ReadingNames.TryParseDirection(input.Direction, out direction))
        {
            Fail("direction", "direction must be one of outbound, inbound, unknown.");
        }

        var status = ReadingStatus.Accepted;
        if (input.Status is not null && !ReadingNames.TryParseStatus(input.Status, out status))
        {
            Fail("status", "status must be one of accepted, pending, rejected.");
        }

        CheckQuantity(input.QueueKm, "queueKm", ReadingLimits.MaxQueueKm, "km", Fail);
        CheckQuantity(input.Vehicles, "vehicles", ReadingLimits.MaxVehicles, "vehicles", Fail);
        CheckQuantity(input.WaitHours, "waitHours", ReadingLimits.MaxWaitHours, "hours", Fail);
        if (input.QueueKm is null && input.Vehicles is null && input.WaitHours is null)
        {
            Fail("queueKm", "A reading needs at least one of queueKm, vehicles or waitHours.");
        }

        var confidence = input.Confidence ?? 1.0;
        if (!double.IsFinite(confidence) || confidence < 0 || confidence > 1)
        {
            Fail("confidence", "confidence must be a number from 0 to 1.");
        }

        var source = input.Source;
        if (source is not null)
        {
            if (source.Name is { Length: > ReadingLimits.MaxSourceNameLength })
            {
                Fail("source.name", $"source.name is longer than {ReadingLimits.MaxSourceNameLength} characters.");
            }

            if (source.Url is not null && !IsHttpUrl(source.Url))
            {
                Fail("source.url", "source.url must be an absolute http or https URL.");
            }

            if (source.Type is not null && !ReadingLimits.SourceTypes.Contains(source.Type))
            {
                Fail("source.type", $"source.type must be one of {string.Join(", ", ReadingLimits.SourceTypes)}.");
            }

            if (source.Excerpt is { Length: > ReadingLimits.MaxExcerptLength })
            {
                Fail("source.excerpt", $"source.excerpt is longer than {ReadingLimits.MaxExcerptLength} characters.");
            }
        }

        if (errors.Count > 0)
        {
            return new ReadingValidationResult(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        var reading = new Reading
        {
            Crossing = input.Crossing!,
            ObservedAt = (input.ObservedAt ?? now).ToUniversalTime(),
            ReceivedAt = now,
            Kind = kind,
            Direction = direction,
            QueueKm = input.QueueKm,
            Vehicles = input.Vehicles,
            WaitHours = input.WaitHours,
            Confidence = confidence,
            Status = status,
            Source = source is null
                ? Provenance.None
                : new Provenance(Blank(source.Name), Blank(source.Url), Blank(source.Type), Blank(source.Excerpt)),
        };
        return new ReadingValidationResult(reading, new Dictionary<string, string[]>());
    }

    private static void CheckQuantity(double? value, string field, double max, string unit, Action<string, string> fail)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v) || v < 0)
        {
            fail(field, $"{field} must be zero or a positive number.");
        }
        else if (v > max)
        {
            fail(field, $"{field} of {v:0.##} {unit} is beyond the plausible maximum of {max:0.##} {unit}.");
        }
    }

    private static bool IsHttpUrl(string url) =>
        url.Length <= ReadingLimits.MaxUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

/// <summary>Either a valid reading or the errors by field (camelCase JSON path).</summary>
public sealed record ReadingValidationResult(Reading? Reading, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Reading is not null;
}
