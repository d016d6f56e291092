namespace Strongroom.Notifications.Email;

/// <summary>Configuration section <c>Smtp</c>. Without <see cref="Host"/>, email is off and messages wait in the outbox.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>None</c>, <c>StartTls</c> (default) or <c>SslOnConnect</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The From address, e.g. <c>Strongroom &lt;security@hub.example&gt;</c>.</summary>
    public string From { get; set; } = "strongroom@localhost";
}
