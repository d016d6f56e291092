namespace Strongroom.Notifications.Email;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    None = 0,
    StartTls = 1,
    SslOnConnect = 2,
}
