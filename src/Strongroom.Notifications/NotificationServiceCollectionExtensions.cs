using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Notifications;
using Strongroom.Notifications.Email;

namespace Strongroom.Notifications;

/// <summary>Registers the delivery channels: SMTP email (<c>Smtp:*</c>).</summary>
public static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddStrongroomNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be 1-65535")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Smtp:From must be an email address")
            .ValidateOnStart();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }
}
