using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Cli.Client;

/// <summary>
/// The CLI's only way to the server: JSON over HTTP. With a saved session it sends the session cookie
/// on every request and the CSRF token on every state-changing one; every error body <c>{error, code}</c>
/// becomes an <see cref="ApiException"/>, and a failure to connect a <see cref="CliException"/>.
/// </summary>
internal sealed class StrongroomClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly SavedSession? _session;
    private readonly string? _bearer;

    private StrongroomClient(Uri server, SavedSession? session, string? bearer = null)
    {
        Server = server;
        _session = session;
        _bearer = bearer;
        // Cookies are set by hand from the session file; an automatic cookie jar would only add state.
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = server,
            Timeout = Timeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("strongroom-cli/" + (typeof(StrongroomClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    public Uri Server { get; }

    /// <summary>A client without credentials, for signing in.</summary>
    public static StrongroomClient Anonymous(Uri server) => new(server, null);

    public static StrongroomClient ForSession(SavedSession session) => new(ServerAddress.Parse(session.Server), session);

    /// <summary>A client that sends a bearer token (a runner credential), never a session.</summary>
    public static StrongroomClient ForBearer(Uri server, string token) => new(server, null, token);

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResponse> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResponse> PutAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>Escapes one path segment (a user, org or token id) so it cannot change the route.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, body);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? new ApiResponse(response.StatusCode, response.Headers, text) : throw Failure(response, text);
    }

    /// <summary>
    /// Streams a GET's body into <paramref name="file"/> (through a temporary file beside it, renamed when
    /// complete), so a body of any size never sits in memory; returns how many lines it holds.
    /// </summary>
    public async Task<long> DownloadAsync(string path, string file, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, null);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        var partial = file + ".part";
        long lines = 0;
        try
        {
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(partial, file, overwrite: true);
            return lines;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: JsonWire.Options);
        }

        if (_bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _bearer);
        }

        if (_session is not null)
        {
            request.Headers.Add("Cookie", $"{SessionCookie.Name}={_session.Cookie}");
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                request.Headers.Add(SessionCookie.CsrfHeader, _session.CsrfToken);
            }
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Cannot reach the server at {Server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"The server at {Server} did not answer within {Timeout.TotalSeconds:0} seconds.");
        }
    }

    private Exception Failure(HttpResponseMessage response, string text)
    {
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            // Not followed: a redirect could send the session cookie or a password to another host.
            return new CliException($"The server at {Server} redirected to {response.Headers.Location?.ToString() ?? "another address"}; "
                + "sign in again with --server set to the final address (https, if that is where it points).");
        }

        return ToException(response.StatusCode, text);
    }

    private static ApiException ToException(HttpStatusCode status, string body)
    {
        ApiError? error = null;
        try
        {
            error = body.Length > 0 ? JsonSerializer.Deserialize<ApiError>(body, JsonWire.Options) : null;
        }
        catch (JsonException)
        {
            // Not one of ours (a proxy's HTML page, say): fall back to the status line below.
        }

        return error is { Error: { Length: > 0 } message, Code: { Length: > 0 } code }
            ? new ApiException(status, message, code)
            : new ApiException(status, $"HTTP {(int)status} {status}", "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _http.Dispose();
}
