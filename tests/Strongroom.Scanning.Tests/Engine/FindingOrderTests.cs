using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Tests.Engine;

public sealed class FindingOrderTests
{
    [Fact]
    public void Compare_SamePlaceAndRuleDifferentSecrets_OneOrderWhateverTheInputOrder()
    {
        // Arrange: two secrets decoded from one base64 value are reported at its start, by one rule.
        var first = At("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");
        var second = At("hf_6WNZS1kkHJztBuR2PdLBJV79WzOexKhgPt");
        List<Finding> forward = [first, second];
        List<Finding> backward = [second, first];

        // Act
        forward.Sort(FindingOrder.Compare);
        backward.Sort(FindingOrder.Compare);

        // Assert
        Assert.NotEqual(0, FindingOrder.Compare(first, second));
        Assert.Equal(forward, backward);
    }

    private static Finding At(string secret) => new()
    {
        RuleId = "huggingface-user-token",
        Description = "Hugging Face user access token",
        Confidence = Confidence.High,
        Path = "secret.yaml",
        Line = 4,
        Column = 9,
        Offset = 57,
        Secret = secret,
        Encoding = "base64",
    };
}
