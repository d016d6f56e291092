using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>azure-openai-api-key</c>: Azure OpenAI API key in an assignment.</summary>
internal static partial class AzureOpenAiKeyRule
{
    private const string PatternText =
        @"(?:AZURE_OPENAI_API_KEY|AZURE_OPENAI_KEY|azure_openai_api_key|azure_openai_key)[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27]?(?<secret>[0-9a-f]{32}"
        + @"|[A-Za-z0-9]{84})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "azure-openai-api-key",
        Description = "Azure OpenAI API key in an assignment",
        Confidence = Confidence.Medium,
        Keywords = ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_KEY", "azure_openai_api_key", "azure_openai_key"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 130,
        MinEntropy = 3.0,
        TruePositives =
        [
            "AZURE_OPENAI_API_KEY=80cf014bcd65e4b1f1dd03cd082e7c87",
            "azure_openai_key = \"HVq5GruTDCZWUM4mJoUsW0TfNlRrQdStR2Ogrh70Oqh2FX6cig93nVQldjghwDTxBP0ZosJcFHKCol5XXpVq\"",
        ],
        FalsePositives =
        [
            "AZURE_OPENAI_API_KEY=os.environ[\"AZURE_OPENAI_API_KEY\"]",
            "AZURE_OPENAI_API_KEY=fa1ef47162bce7f3732e2b7af4c8d1c",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
