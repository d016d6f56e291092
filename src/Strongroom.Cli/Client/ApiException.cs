using System.Net;

namespace Strongroom.Cli.Client;

/// <summary>
/// The server answered with an error body <c>{error, code}</c>. A 4xx is a refusal (exit 1); a 5xx is
/// the server's own failure (exit 2).
/// </summary>
internal sealed class ApiException(HttpStatusCode status, string message, string code)
    : CliException(message, (int)status is >= 400 and < 500 ? ExitCodes.Refused : ExitCodes.Error)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The server's stable error code, e.g. <c>invalid_login</c> or <c>not_found</c>.</summary>
    public string Code { get; } = code;
}
