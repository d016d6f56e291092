namespace Strongroom.Core.Webhooks;

/// <summary>What a webhook URL and description may be; each refusal has a stable code.</summary>
public static class WebhookUrlRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 300;

    /// <summary>Null when acceptable, else (code, message).</summary>
    public static (string Code, string Message)? Check(string? url, string? description)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return ("invalid_webhook_url", "url is required");
        }

        if (url.Length > MaxUrlLength)
        {
            return ("webhook_url_too_long", $"url is limited to {MaxUrlLength} characters");
        }

        // "://" first: on Unix, Uri reads a bare "/path" as an absolute file URL.
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || url.Any(char.IsControl) || url.Contains(' ', StringComparison.Ordinal))
        {
            return ("invalid_webhook_url", "url must be an absolute http(s) URL");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return ("webhook_url_scheme", "url must use https (or http)");
        }

        if (uri.Host.Length == 0)
        {
            return ("invalid_webhook_url", "url must name a host");
        }

        // Credentials in a URL end up in logs and in the listing; the signature is what authenticates us.
        if (uri.UserInfo.Length > 0)
        {
            return ("webhook_url_credentials", "url must not contain a user name or password");
        }

        if (uri.Fragment.Length > 0)
        {
            return ("invalid_webhook_url", "url must not have a fragment");
        }

        if (description is { } d && (d.Length > MaxDescriptionLength || d.Any(char.IsControl)))
        {
            return ("invalid_webhook_description", $"description is limited to {MaxDescriptionLength} characters without control characters");
        }

        return null;
    }
}
