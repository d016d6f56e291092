using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Strongroom.Server.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, believed only from the proxies named in
/// <c>Server:TrustedProxies</c> (addresses or CIDR networks). Without the setting the headers are ignored:
/// anyone can send them, and the client address decides sign-in throttling and what the audit log records.
/// </summary>
internal static class TrustedProxies
{
    public static ForwardedHeadersOptions? Options(string configured)
    {
        var proxies = Entries(configured);
        if (proxies.Count == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through every trusted hop; the first address that is not a trusted proxy is the client.
            ForwardLimit = null,
        };
        // The defaults trust loopback; only what the operator listed is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (proxy.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        }

        return options;
    }

    /// <summary>The entries that do not parse, for a clear refusal at start-up.</summary>
    public static IReadOnlyList<string> Invalid(string configured) =>
        Entries(configured).Where(p => p.Contains('/', StringComparison.Ordinal) ? !System.Net.IPNetwork.TryParse(p, out _) : !IPAddress.TryParse(p, out _)).ToList();

    private static List<string> Entries(string configured) =>
        configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
