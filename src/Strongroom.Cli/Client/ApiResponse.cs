using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Strongroom.Cli.Client;

/// <summary>A successful answer: its status, headers and raw body (passed through as is by <c>--json</c>).</summary>
internal sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, string Body)
{
    /// <exception cref="CliException">The body is not the JSON the CLI expects.</exception>
    public T Read<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, JsonWire.Options)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException)
        {
            throw new CliException($"The server answered HTTP {(int)Status} with a body this CLI does not understand; is it a Strongroom server of the same version?");
        }
    }
}
