using System.Text;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Tests.Engine;

/// <summary>Secrets inside base64 values are decoded and found, and say so.</summary>
public sealed class EncodedSecretTests
{
    private static readonly ScanEngine Engine = new();

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ScanText_KubernetesSecretData_ReportsOurTokenAndAHuggingFaceToken()
    {
        // Arrange: the values are base64 of the raw tokens, as `kubectl create secret` writes them.
        var token = Secrets.Token();
        const string huggingFace = "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";
        var manifest = $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: app
            type: Opaque
            data:
              STRONGROOM_TOKEN: {Base64(token)}
              HF_TOKEN: {Base64(huggingFace)}
            """;

        // Act
        var findings = Engine.ScanText(manifest, "secret.yaml");

        // Assert
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("base64", f.Encoding));
        Assert.Equal(token, findings[0].Secret);
        Assert.Equal(7, findings[0].Line);
        Assert.Equal(21, findings[0].Column); // where the encoded value starts
        Assert.Equal(huggingFace, findings[1].Secret);
        Assert.Equal(8, findings[1].Line);
    }

    [Fact]
    public void ScanText_DockerConfigAuth_FindsTheTokenAfterTheUserName()
    {
        // Arrange: "user:token", so the token starts at each byte alignment of the encoding.
        const string pat = "dckr_pat_kmQQlLZ3Gu9OOZznkzOXgkA0YPS";
        foreach (var user in new[] { "ci", "bot", "ci-user" })
        {
            var config = $"{{\"auths\": {{\"https://index.docker.io/v1/\": {{\"auth\": \"{Base64($"{user}:{pat}")}\"}}}}}}";

            // Act
            var findings = Engine.ScanText(config, "config.json");

            // Assert
            var finding = Assert.Single(findings);
            Assert.Equal(pat, finding.Secret);
            Assert.Equal("base64", finding.Encoding);
        }
    }

    [Fact]
    public void ScanText_DockerConfigInsideASecret_FoundTwoLayersDown()
    {
        // Arrange: a .dockerconfigjson Secret: base64 of a config whose auth is base64 of "user:token".
        var token = Secrets.Token();
        var config = $"{{\"auths\": {{\"registry.example.com\": {{\"auth\": \"{Base64($"ci:{token}")}\"}}}}}}";
        var manifest = $"kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {Base64(config)}\n";

        // Act
        var findings = Engine.ScanText(manifest, "pull-secret.yaml");

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(token, finding.Secret);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void ScanText_Base64OfTextWithoutSecrets_FindsNothing()
    {
        // Arrange: a keyword's encoding but a placeholder behind it, and ordinary base64.
        var text = $"a: {Base64("hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}\nb: {Base64("just some configuration text, nothing secret")}\n";

        // Act
        var findings = Engine.ScanText(text);

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void ScanText_EncodedTwice_FoundAtDepthTwoOnly()
    {
        // Arrange
        var token = Secrets.Token();
        var twice = Base64(Base64(token));
        var thrice = Base64(twice);

        // Act
        var found = Engine.ScanText($"value: {twice}\n");
        var tooDeep = Engine.ScanText($"value: {thrice}\n");

        // Assert
        Assert.Equal(token, Assert.Single(found).Secret);
        Assert.Empty(tooDeep);
    }

    [Fact]
    public void ScanText_EncodedValueOnAnAllowedLine_IsNotReported()
    {
        // Act
        var findings = Engine.ScanText($"token: {Base64(Secrets.Token())} # strongroom:allow\n");

        // Assert
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("sr_p", 0)]
    [InlineData("ghp_", 1)]
    [InlineData("hf_", 2)]
    public void EncodedForms_EveryForm_OccursInTheEncodingOfTextHoldingTheKeyword(string keyword, int seed)
    {
        // Arrange: the keyword after 0..5 random bytes and before random bytes.
        var random = new Random(seed);
        var forms = ScanEngine.EncodedForms(keyword).ToList();
        for (var before = 0; before < 6; before++)
        {
            var bytes = new byte[before + keyword.Length + 4];
            random.NextBytes(bytes);
            Encoding.ASCII.GetBytes(keyword).CopyTo(bytes, before);

            // Act
            var encoded = Convert.ToBase64String(bytes);

            // Assert: the form of the keyword's alignment is in it (hf_ has a form at alignment 0 only).
            var alignment = before % 3;
            var expected = ScanEngine.EncodedForms(keyword).Count() == 3 || alignment == 0;
            Assert.True(!expected || forms.Exists(f => encoded.Contains(f, StringComparison.Ordinal)), $"{keyword} after {before} bytes: {encoded}");
        }
    }
}
