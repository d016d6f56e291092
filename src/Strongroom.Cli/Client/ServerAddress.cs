namespace Strongroom.Cli.Client;

/// <summary>Which server to talk to, and the check that its address is a plain http(s) base URL.</summary>
internal static class ServerAddress
{
    public const string Default = Serve.ServeCommand.DefaultUrl;

    /// <summary><c>--server</c> if given, else the saved session's server, else <c>$STRONGROOM_SERVER</c>, else the default.</summary>
    public static Uri Resolve(string? option, SavedSession? saved, Func<string, string?> environment) =>
        Parse(option is { Length: > 0 } ? option
            : saved?.Server is { Length: > 0 } fromSession ? fromSession
            : environment("STRONGROOM_SERVER") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : Default);

    /// <exception cref="CliException">Not an absolute http or https URL without credentials, query or fragment.</exception>
    public static Uri Parse(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new CliException($"Not a server URL: '{value}'. Give one like {Default} or https://hub.example.com");
        }

        // A trailing slash makes relative API paths resolve under the server's path prefix, if any.
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Whether a password sent to this server could be read on the way (plain http beyond this machine).</summary>
    public static bool IsCleartextRemote(Uri server) => server.Scheme == Uri.UriSchemeHttp && !server.IsLoopback;

    /// <summary>The address as people write it: no trailing slash.</summary>
    public static string Display(Uri server) => server.ToString().TrimEnd('/');
}
