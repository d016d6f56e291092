using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>mysql-url-password</c>: MySQL or MariaDB connection URL with a password.</summary>
internal static partial class MySqlUrlRule
{
    private const string PatternText =
        @"(?:mysql\+pymysql|mysql\+mysqldb|mysql\+aiomysql|mysql|mariadb)://(?:[^ \t\r\n:@/\x27""]{0,64}):(?<secret>[^ \t\r\n:@/\x27""]{1,128})@[A-Za-z0-9._-]{1,255}|(?:mysql"
        + @"|mariadb)://[^ \t\r\n\x27""?]{1,255}\?(?:[^ \t\r\n\x27""&]{1,100}&){0,5}password=(?<secret>[^ \t\r\n\x27""&;]{1,128})";

    public static SecretRule Create() => new()
    {
        Id = "mysql-url-password",
        Description = "MySQL or MariaDB connection URL with a password",
        Confidence = Confidence.Medium,
        Keywords = ["mysql://", "mysql+", "mariadb://"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 480,
        Validate = DatabaseUrlPassword.IsReal,
        TruePositives =
        [
            "mysql://app:cJLUcvRUqmjYUG4YCk@db.internal.example.net:5432/hub",
            "URL = \"mysql://svc_user:LboKBixkMh9njCC4otnd345s@10.0.0.7/prod\"",
            "jdbc:mysql://db.internal:3306/shop?user=shop&password=GdW6oJABmLIFoOO1&useSSL=true",
        ],
        FalsePositives =
        [
            "mysql://user:password@localhost/db",
            "mysql://localhost/db",
            "mysql://app:${DB_PASSWORD}@db/hub",
            "mysql://user:<password>@host/db",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
