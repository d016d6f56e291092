using Strongroom.Core.Authorization;

namespace Strongroom.Server.Features.Auth;

/// <summary>Access to the <see cref="Caller"/> that <see cref="CallerMiddleware"/> resolved for a request.</summary>
public static class CallerContext
{
    private const string Key = "strongroom.caller";

    public static Caller GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var caller) && caller is Caller c ? c : Caller.Anonymous;

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    /// <summary>The client address as the server sees it (forwarded headers, when configured, apply first).</summary>
    public static string ClientIp(this HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
