namespace BorderWatch.Web.Configuration;

/// <summary>Configuration section <c>Map</c>.</summary>
public sealed class MapOptions
{
    public const string SectionName = "Map";

    /// <summary>Tile URL template (e.g. https://tile.example/{z}/{x}/{y}.png). Empty: the offline basemap of country borders.</summary>
    public string TileUrl { get; set; } = "";

    /// <summary>Attribution shown with <see cref="TileUrl"/> tiles, as the tile provider requires.</summary>
    public string TileAttribution { get; set; } = "";
}
