namespace BorderWatch.Web.Startup;

/// <summary>Set once the database is migrated, the gazetteer synced and the estimates warmed.</summary>
public sealed class StartupState
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
