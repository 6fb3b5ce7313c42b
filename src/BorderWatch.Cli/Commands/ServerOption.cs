using System.CommandLine;

namespace BorderWatch.Cli.Commands;

/// <summary>The <c>--server URL</c> option of the verbs that talk to a BorderWatch server.</summary>
internal static class ServerOption
{
    public static Option<Uri> Create() => new("--server", "-s")
    {
        Description = "BorderWatch server, e.g. http://127.0.0.1:5080.",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"--server must be an http or https URL, not '{text}'.");
            return null;
        },
    };
}
