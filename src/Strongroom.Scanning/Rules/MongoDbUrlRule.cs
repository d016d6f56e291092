using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>mongodb-url-password</c>: MongoDB connection URL with a password.</summary>
internal static partial class MongoDbUrlRule
{
    private const string PatternText = @"(?:mongodb\+srv|mongodb)://(?:[^ \t\r\n:@/\x27""]{0,64}):(?<secret>[^ \t\r\n:@/\x27""]{1,128})@[A-Za-z0-9._-]{1,255}";

    public static SecretRule Create() => new()
    {
        Id = "mongodb-url-password",
        Description = "MongoDB connection URL with a password",
        Confidence = Confidence.Medium,
        Keywords = ["mongodb://", "mongodb+srv://"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 480,
        Validate = DatabaseUrlPassword.IsReal,
        TruePositives =
        [
            "mongodb+srv://app:UptYDjGaGiILSiCK9R@db.internal.example.net:5432/hub",
            "URL = \"mongodb+srv://svc_user:D3oIQF88xccG7GTq7cewXmwn@10.0.0.7/prod\"",
        ],
        FalsePositives =
        [
            "mongodb+srv://user:password@localhost/db",
            "mongodb+srv://localhost/db",
            "mongodb+srv://app:${DB_PASSWORD}@db/hub",
            "mongodb+srv://user:<password>@host/db",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
