using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>postgres-url-password</c>: PostgreSQL connection URL with a password.</summary>
internal static partial class PostgresUrlRule
{
    private const string PatternText =
        @"(?:postgresql\+asyncpg|postgresql\+psycopg2|postgresql\+psycopg|postgresql|postgres)://(?:[^ \t\r\n:@/\x27""]{0,64}):"
        + @"(?<secret>[^ \t\r\n:@/\x27""]{1,128})@[A-Za-z0-9._-]{1,255}|(?:postgresql|postgres)://[^ \t\r\n\x27""?]{1,255}\?(?:[^ \t\r\n\x27""&]{1,100}&){0,5}password="
        + @"(?<secret>[^ \t\r\n\x27""&;]{1,128})";

    public static SecretRule Create() => new()
    {
        Id = "postgres-url-password",
        Description = "PostgreSQL connection URL with a password",
        Confidence = Confidence.Medium,
        Keywords = ["postgres://", "postgresql://", "postgresql+"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 480,
        Validate = DatabaseUrlPassword.IsReal,
        TruePositives =
        [
            "postgresql://app:hJZdctUh71d2CmMn2D@db.internal.example.net:5432/hub",
            "URL = \"postgresql://svc_user:XI8zC2TRv4bgeFLbmTIR2DqR@10.0.0.7/prod\"",
            "jdbc:postgresql://db.internal:5432/app?user=app&password=pyr07lxAVebBxmYS",
            "DATABASE_URL=\"postgresql://db.internal/app?sslmode=require&password=JpmYC3WMo8rAhNrK\"",
        ],
        FalsePositives =
        [
            "postgresql://user:password@localhost/db",
            "postgresql://localhost/db",
            "postgresql://app:${DB_PASSWORD}@db/hub",
            "postgresql://user:<password>@host/db",
            "jdbc:postgresql://localhost:5432/app?user=app&password=${DB_PASSWORD}",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
