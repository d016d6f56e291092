using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>redis-url-password</c>: Redis connection URL with a password.</summary>
internal static partial class RedisUrlRule
{
    private const string PatternText = @"(?:rediss|redis)://(?:[^ \t\r\n:@/\x27""]{0,64}):(?<secret>[^ \t\r\n:@/\x27""]{1,128})@[A-Za-z0-9._-]{1,255}";

    public static SecretRule Create() => new()
    {
        Id = "redis-url-password",
        Description = "Redis connection URL with a password",
        Confidence = Confidence.Medium,
        Keywords = ["redis://", "rediss://"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 480,
        Validate = DatabaseUrlPassword.IsReal,
        TruePositives =
        [
            "rediss://app:Hz9ZP2katL0XB19deY@db.internal.example.net:5432/hub",
            "URL = \"rediss://svc_user:sUgBmLSa2wyKjH02d8BIk5aR@10.0.0.7/prod\"",
        ],
        FalsePositives =
        [
            "rediss://user:password@localhost/db",
            "rediss://localhost/db",
            "rediss://app:${DB_PASSWORD}@db/hub",
            "rediss://user:<password>@host/db",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
