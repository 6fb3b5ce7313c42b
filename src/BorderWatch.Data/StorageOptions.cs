namespace BorderWatch.Data;

/// <summary>Where BorderWatch keeps its data (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (default, embedded) or <c>postgres</c> (planned; not yet available).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>ADO.NET connection string. A relative SQLite file path is resolved against the app's content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/borderwatch.db";

    /// <summary>Folder for redacted images and overlays (relative paths resolve against the content root).</summary>
    public string ImageDirectory { get; set; } = "data/images";
}
