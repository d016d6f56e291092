using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>azure-storage-connection-string</c>: Azure Storage connection string with account key.</summary>
internal static partial class AzureStorageConnectionStringRule
{
    private const string PatternText = @"AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)";

    public static SecretRule Create() => new()
    {
        Id = "azure-storage-connection-string",
        Description = "Azure Storage connection string with account key",
        Confidence = Confidence.High,
        Keywords = ["AccountKey="],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 100,
        MinEntropy = 4.5,
        TruePositives =
        [
            "DefaultEndpointsProtocol=https;AccountName=mlhubdata;AccountKey=pCwAX//CUd7WkAYZKVNIdrqsMJQGY3dg0tlFirYAHBKVM6bKQDGuzCjqPB6dfSm5MheehxHrrcXafu9ciCu8i8==;"
                + "EndpointSuffix=core.windows.net",
            "\"conn\": \"AccountName=x;AccountKey=DAp4i/eWhGGwspo+3fJwHlT0Gm7DBq+5VAm2Hqgt4Vo94E1IgJcFQDyY96GySBQ/+0cMUo3ZZPA59hHMp6GIYr==\"",
        ],
        FalsePositives =
        [
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            "AccountKey=<your-account-key>",
            "AccountKey=QP1MDoIEVt5ZTVilSD3JFMI4f50zMnRi+wkb/c/6==",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
