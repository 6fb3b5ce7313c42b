using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticAssets;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// Content-fingerprinted URLs of the widgets' scripts (e.g. <c>/embed/card.x1y2z3.js</c>). The static-asset endpoints
/// serve those with <c>Cache-Control: immutable</c>, so a reader's browser fetches each script once, ever, per version.
/// </summary>
public sealed class EmbedAssets(EndpointDataSource endpoints, IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, InlineAsset> _inline = new(StringComparer.Ordinal);
    private FrozenDictionary<string, string>? _byLabel;

    /// <summary>A small text file under wwwroot, read once, with the CSP hash source that allows it inline.</summary>
    public InlineAsset Inline(string path) => _inline.GetOrAdd(path, p =>
    {
        var file = environment.WebRootFileProvider.GetFileInfo(p);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"The widget asset wwwroot/{p} is missing from the build.");
        }

        using var reader = new StreamReader(file.CreateReadStream());
        var text = reader.ReadToEnd();
        return new InlineAsset(text, EmbedEndpoints.Sha256Source(text));
    });

    /// <summary>The fingerprinted URL of a file under wwwroot (e.g. <c>embed/card.js</c>), or its plain URL if it has none.</summary>
    public string Url(string path)
    {
        _byLabel ??= Load();
        return "/" + (_byLabel.TryGetValue(path, out var route) ? route : path);
    }

    private FrozenDictionary<string, string> Load()
    {
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not { } asset)
            {
                continue;
            }

            string? label = null;
            var fingerprinted = false;
            foreach (var property in asset.Properties)
            {
                label = property.Name == "label" ? property.Value : label;
                fingerprinted |= property.Name == "fingerprint";
            }

            if (fingerprinted && label is not null)
            {
                routes[label] = asset.Route;
            }
        }

        return routes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <param name="Text">The file's content.</param>
/// <param name="Hash">Its CSP source, e.g. <c>sha256-…</c>.</param>
public sealed record InlineAsset(string Text, string Hash);
