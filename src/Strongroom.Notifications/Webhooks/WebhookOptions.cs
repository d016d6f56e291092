namespace Strongroom.Notifications.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long one delivery may take, connection included; longer counts as a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many webhooks one user or one organization may register.</summary>
    public int MaxPerOwner { get; set; } = 20;

    /// <summary>
    /// Deliver to loopback, private, link-local and other non-public addresses too. Off by default: a
    /// webhook URL is chosen by a user, and the server must not become their way into the internal
    /// network. The check is made on the address actually connected to, so DNS cannot route around it.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
