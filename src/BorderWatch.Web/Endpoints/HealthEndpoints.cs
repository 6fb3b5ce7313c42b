using BorderWatch.Data;
using BorderWatch.Vision.Environment;
using BorderWatch.Web.Startup;
using Dapper;

namespace BorderWatch.Web.Endpoints;

/// <summary><c>GET /healthz</c>: is the app up, the database reachable, and the vision engine usable.</summary>
public static class HealthEndpoints
{
    public static IEndpointConventionBuilder MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", Check).WithTags("Health").WithSummary("Liveness and readiness, with the state of each part");

    private static async Task<IResult> Check(SqliteDatabase database, VisionStatus vision, StartupState startup, CancellationToken cancellationToken)
    {
        string databaseState;
        long readings = 0;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            readings = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM readings");
            databaseState = "ok";
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            databaseState = "unavailable";
        }

        var healthy = databaseState == "ok" && startup.IsReady;
        var body = new
        {
            status = healthy ? (vision.CanPublishImages ? "healthy" : "degraded") : "unhealthy",
            database = databaseState,
            readings,
            ready = startup.IsReady,
            vision = new
            {
                analyse = vision.CanAnalyse,
                publishImages = vision.CanPublishImages,
                openCv = vision.OpenCvVersion,
                problem = vision.Problem,
            },
        };
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
