using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Notifications;
using Strongroom.Notifications.Email;
using Strongroom.Notifications.Webhooks;

namespace Strongroom.Notifications;

/// <summary>Registers the delivery channels: SMTP email (<c>Smtp:*</c>) and webhooks (<c>Webhooks:*</c>).</summary>
public static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddStrongroomNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be 1-65535")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Smtp:From must be an email address")
            .ValidateOnStart();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(5), "Webhooks:Timeout must be more than 0 and at most 00:05:00")
            .Validate(o => o.MaxPerOwner is >= 1 and <= 1000, "Webhooks:MaxPerOwner must be between 1 and 1000")
            .ValidateOnStart();
        services.AddSingleton<WebhookSender>();
        return services;
    }
}
