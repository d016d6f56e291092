using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>azure-storage-account-key</c>: Azure Storage account key in an assignment.</summary>
internal static partial class AzureStorageAccountKeyRule
{
    private const string PatternText =
        @"(?:AZURE_STORAGE_KEY|AZURE_STORAGE_ACCESS_KEY|azure_storage_key|azure_storage_access_key|[Ss]torageAccountKey|[Ss]torage[Kk]ey|accountKey|account_key"
        + @"|ACCOUNT_KEY)[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27]?(?<secret>[A-Za-z0-9+/]{86}==)";

    public static SecretRule Create() => new()
    {
        Id = "azure-storage-account-key",
        Description = "Azure Storage account key in an assignment",
        Confidence = Confidence.High,
        Keywords =
        [
            "AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCESS_KEY", "azure_storage_key", "azure_storage_access_key",
            "storageAccountKey", "StorageAccountKey", "storageKey", "StorageKey", "accountKey", "account_key", "ACCOUNT_KEY",
        ],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 140,
        MinEntropy = 4.5,
        TruePositives =
        [
            "AZURE_STORAGE_KEY=EowD40SWMzvcMHzxAPaJj8gN8g1jCKPtNmPWOBLBIW07+liwJI+3zMcP0MzDSwJEoAo0V/8INpHMknU3RTB065==",
            "storage_account_key: \"Gx2yUBwJTQ15/WzY6MsYXw6VbXmkfjOaWpoKNAIMRS6tmigtOYtdfyDVTu5Nj1b/lc1S+7dfRfZxWif3yh1KkN==\"",
            "\"storageAccountKey\": \"95GdkWis+YeQ1ojhin8MLBYdxsR9S9dqH8QmgP6MIH9mSDomrPa5Wv0nGlDchVa08hQAEEzU8QicTYFaNMMaZJ==\"",
            "const accountKey = \"lsKSLOsjLcm5rXNrT5LC1XHI82eGZoMGmQBSvLMREzNSijB0rG+IP17T2YLWOjB14f6L59gDpVzmjvGBQqHAZS==\";",
            "AZURE_STORAGE_ACCOUNT_KEY: NmKwFQPOEQvF2bzSx0JWQJyYNunVQS/ewL5XFkWzPMrGawAtDJxoYBne5FfwJBV87l+oDw4lm/SvFkAvdgJCzf==",
        ],
        FalsePositives =
        [
            "AZURE_STORAGE_KEY=$(az storage account keys list)",
            "storage_account_key = \"VHiv7jdu7GZb5EmK0PnydUjq7/9npQAtw5JrFT+p7s76N/50Vl==\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
