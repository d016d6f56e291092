using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Strongroom.Core.Webhooks;

namespace Strongroom.Notifications.Webhooks;

/// <summary>
/// POSTs one signed event. Redirects are not followed (a 3xx is a failed attempt: the receiver's URL is
/// what its owner registered), the response body is never read, and the whole exchange is bounded by
/// <see cref="WebhookOptions.Timeout"/>. No proxy: the address check is made on the socket's own peer.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string EventHeader = "X-Strongroom-Event";
    public const string DeliveryHeader = "X-Strongroom-Delivery";

    private readonly HttpClient _client;
    private readonly bool _allowPrivate;

    public WebhookSender(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _allowPrivate = settings.AllowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = settings.Timeout,
            MaxResponseHeadersLength = 16, // KiB
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = settings.Timeout };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Strongroom-Webhooks", "1"));
    }

    /// <summary>Sends the body; returns the receiver's status code. Throws when no answer came.</summary>
    public async Task<int> SendAsync(Uri url, string eventType, string deliveryId, byte[] body, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, signature);
        request.Headers.Add(EventHeader, eventType);
        request.Headers.Add(DeliveryHeader, deliveryId);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = _allowPrivate ? addresses : addresses.Where(WebhookAddressPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} resolves to no public address; deliveries to internal networks are off (Webhooks:AllowPrivateNetworks)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
