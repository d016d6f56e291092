using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>azure-shared-access-key</c>: Azure Service Bus, Event Hubs or IoT Hub shared access key in a connection string.</summary>
internal static partial class AzureSharedAccessKeyRule
{
    private const string PatternText = @"SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,43}=)(?:[^A-Za-z0-9+/=]|$)";

    public static SecretRule Create() => new()
    {
        Id = "azure-shared-access-key",
        Description = "Azure Service Bus, Event Hubs or IoT Hub shared access key in a connection string",
        Confidence = Confidence.High,
        Keywords = ["SharedAccessKey="],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 64,
        MinEntropy = 4.0,
        TruePositives =
        [
            "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=NlxO6Sb9yN3r8u0f5keLD+BDH3nWTik/d84SnC3nWLm=",
            "\"IoTHub\": \"HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=YrWDHTzPuA2PNPnszha72gvS8aTGyFOaVc6p0UAYE6d=\"",
        ],
        FalsePositives =
        [
            "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>",
            "SharedAccessKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
