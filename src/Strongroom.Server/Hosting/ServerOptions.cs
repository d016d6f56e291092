namespace Strongroom.Server.Hosting;

/// <summary>Configuration section <c>Server</c>.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Where the embedded database, key files and the first admin's password live.</summary>
    public string DataDirectory { get; set; } = ".strongroom";

    /// <summary>Largest request body accepted by the JSON API.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (addresses or
    /// CIDR networks, separated by commas, e.g. <c>10.0.0.2,10.1.0.0/16</c>). Empty: the headers are ignored
    /// and the peer address is the client.
    /// </summary>
    public string TrustedProxies { get; set; } = "";
}
