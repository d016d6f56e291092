namespace Strongroom.Cli.Client;

/// <summary>The exit codes of every client command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused the request (a 4xx answer).</summary>
    public const int Refused = 1;

    /// <summary>Bad usage, no connection, a server error, or anything else.</summary>
    public const int Error = 2;
}
