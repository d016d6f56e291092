using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>amqp-url-password</c>: AMQP (RabbitMQ) connection URL with a password.</summary>
internal static partial class AmqpUrlRule
{
    private const string PatternText = @"(?:amqps|amqp)://(?:[^ \t\r\n:@/\x27""]{0,64}):(?<secret>[^ \t\r\n:@/\x27""]{1,128})@[A-Za-z0-9._-]{1,255}";

    public static SecretRule Create() => new()
    {
        Id = "amqp-url-password",
        Description = "AMQP (RabbitMQ) connection URL with a password",
        Confidence = Confidence.Medium,
        Keywords = ["amqp://", "amqps://"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 480,
        Validate = DatabaseUrlPassword.IsReal,
        TruePositives =
        [
            "amqps://app:Bo3306ZmiX4mGUch0!@db.internal.example.net:5432/hub",
            "URL = \"amqps://svc_user:1l0l3pdZm0DYHqG5JvM69YiQ@10.0.0.7/prod\"",
        ],
        FalsePositives =
        [
            "amqps://user:password@localhost/db",
            "amqps://localhost/db",
            "amqps://app:${DB_PASSWORD}@db/hub",
            "amqps://user:<password>@host/db",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
