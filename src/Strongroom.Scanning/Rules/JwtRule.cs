using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>jwt</c>: JSON Web Token.</summary>
internal static partial class JwtRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>eyJ[A-Za-z0-9_-]{10,200}\.eyJ[A-Za-z0-9_-]{10,1000}\.[A-Za-z0-9_-]{16,342})";

    public static SecretRule Create() => new()
    {
        Id = "jwt",
        Description = "JSON Web Token",
        Confidence = Confidence.Medium,
        Keywords = ["eyJ"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 1560,
        MinEntropy = 4.0,
        TruePositives =
        [
            "Authorization: Bearer eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiYThiNTA5OWFkYjI4NDIzMDUyNWJlNmM1IiwgInJvbGUiOiAic2VydmljZV9yb2xlIiwgImlhdCI6IDE3NjY0NTc3OT"
                + "N9.EtNzWmN8pVV23z9vvjjQBOy5BVm5qXi16qFG3gMTLsf",
            "SUPABASE_SERVICE_ROLE_KEY=eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiNDRiZGE5NWMwMTJiNTJlNzMxMTJlOWU2IiwgInJvbGUiOiAic2VydmljZV9yb2xlIiwgImlhdCI6IDE3NjA4Nz"
                + "IyOTN9.72CQc6sy-KF98Jg1utqAzXuNZB5EKwHkvkbp4b5fR_A",
        ],
        FalsePositives =
        [
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
