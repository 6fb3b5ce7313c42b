using BorderWatch.Web;

var app = BorderWatchApplication.Create(args);
await app.RunAsync();

/// <summary>The web app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
