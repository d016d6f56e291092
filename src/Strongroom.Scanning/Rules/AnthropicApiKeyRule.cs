using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>anthropic-api-key</c>: Anthropic API key.</summary>
internal static partial class AnthropicApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "anthropic-api-key",
        Description = "Anthropic API key",
        Confidence = Confidence.High,
        Keywords = ["sk-ant-api03-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 112,
        MinEntropy = 4.0,

        // The closing AA is in the random part.
        Mix = new CharacterMix(Upper: 18, Lower: 16, Digits: 1),
        TruePositives =
        [
            "ANTHROPIC_API_KEY=sk-ant-api03-RfAT9tPX3ErRqvvo9D7TNit0gX1eP6xWS8sToFAw8cIkmahvZyjYBF2xif_OtJPZI-_tcDVMWiZb9nt9cV1PHst56EGo_AA",
            "client = Anthropic(api_key=\"sk-ant-api03-WfqpNvRDDo8x5ZRmNNfQt8uwgUrLddxHtCuDi-wtzyZWIngV0Nccm13bZUdcS1zXUX2OfdRUmsEddUzHxycfxUQZAkGJuAA\")",
        ],
        FalsePositives =
        [
            "sk-ant-api03-NC8S8N6wyu9738uruAvNESIPa9LAthp035nv526r-qnQJH_7Qy62zp9f35wj",
            "sk-ant-api03-ue_DwNGhp76Urnp7luAgIzwzLwj23kVgctWTNfyGMDsEBqOM-DrRd9o_ypng7YjJ4DDEUqCrQmgd_Hoy3DOaBR7BRXNHOBB",
            "ANTHROPIC_API_KEY=sk-ant-api03-...",
            "sk-ant-api03-hdkeatciy_ja2357bsfrps_6a9pawhhzy2swvbqis-tn7_2be2v-y1q0mby4py7hopmqepf39dbms13oeelx3mygx4nwvAA",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
