using Strongroom.Scanning.Config;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Tests.Config;

/// <summary>
/// A gitleaks config, written in gitleaks' documented format: custom rules (<c>regex</c>,
/// <c>secretGroup</c>, <c>entropy</c>, <c>keywords</c>, <c>path</c>) and allowlists (global and per rule,
/// <c>paths</c>, <c>regexes</c> with <c>regexTarget</c>, <c>stopwords</c>, <c>commits</c>).
/// </summary>
public sealed class ConfigReaderTests
{
    private const string Gitleaks = """
        title = "acme"

        [[rules]]
        id = "acme-api-key"
        description = "Acme API key"
        regex = '''(?i)acme_(?:live|test)_([a-z0-9]{24})'''
        secretGroup = 1
        entropy = 3.0
        keywords = ["acme_"]

            [[rules.allowlists]]
            regexTarget = "line"
            regexes = ['''#\s*fake''']

            [[rules.allowlists]]
            stopwords = ["sample"]

        [[rules]]
        id = "acme-deploy-token"
        regex = '''deploy-[0-9a-f]{32}'''
        keywords = ["deploy-"]
        path = '''\.ya?ml$'''

        [allowlist]
        description = "global"
        paths = ['''(^|/)fixtures/''']
        commits = ["deadbeef"]
        """;

    private const string Key = "Q7x9Lm2Rt8Vb4Nc6Zp1Kd3Hf";

    private static ScanEngine Engine(string toml) => new(new ScanOptions { Config = ConfigReader.Parse(toml, "test.toml") });

    [Fact]
    public void Scan_GitleaksRuleWithSecretGroup_ReportsTheGroup()
    {
        // Act
        var findings = Engine(Gitleaks).ScanText($"ACME_KEY = \"acme_live_{Key}\"\n", "app/settings.py");

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal("acme-api-key", finding.RuleId);
        Assert.Equal(Key, finding.Secret);
    }

    [Fact]
    public void Scan_GitleaksKeywords_MatchIgnoringCaseAsGitleaksDoes()
    {
        // Act: the keyword "acme_" in upper case, the regex is (?i).
        var findings = Engine(Gitleaks).ScanText($"KEY=ACME_LIVE_{Key}\n", "app/.env");

        // Assert
        Assert.Equal(Key, Assert.Single(findings).Secret);
    }

    [Theory]
    [InlineData("tests/fixtures/keys.py", "KEY = 'acme_live_{0}'")] // global path allowlist
    [InlineData("app/settings.py", "KEY = 'acme_live_{0}'  # fake")] // rule allowlist, line target
    [InlineData("app/settings.py", "KEY = 'acme_live_sampleQ7x9Lm2Rt8Vb4Nc6'")] // stopword
    [InlineData("app/settings.py", "KEY = 'acme_live_aaaaaaaaaaaabbbbbbbbbbbb'")] // entropy below 3.0
    public void Scan_AllowedOrBelowEntropy_ReportsNothing(string path, string line)
    {
        // Act
        var findings = Engine(Gitleaks).ScanText(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, Key) + "\n", path);

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void Scan_RuleWithPath_OnlyOnMatchingPaths()
    {
        // Arrange
        var text = "token: deploy-7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e\n";

        // Act
        var inYaml = Engine(Gitleaks).ScanText(text, "ci/deploy.yml");
        var inPython = Engine(Gitleaks).ScanText(text, "ci/deploy.py");

        // Assert
        Assert.Equal("acme-deploy-token", Assert.Single(inYaml).RuleId);
        Assert.Empty(inPython);
    }

    [Fact]
    public void AllowsCommit_ListedCommitPrefix_Allowed()
    {
        // Arrange
        var config = ConfigReader.Parse(Gitleaks, "test.toml");
        var finding = Engine(Gitleaks).ScanText($"acme_live_{Key}\n", "a.py")[0];

        // Act and Assert
        Assert.True(config.AllowsCommit(finding with { Commit = "deadbeef0123456789" }));
        Assert.False(config.AllowsCommit(finding with { Commit = "0123456789" }));
        Assert.False(config.AllowsCommit(finding));
    }

    [Fact]
    public void Scan_CatastrophicRegex_RunsOnAdversarialInputWithoutBacktracking()
    {
        // Arrange: (a+)+$ backtracks exponentially on "aaaa...!" in a backtracking engine; this
        // finishing at all on 64 KiB of it is the proof that it runs without backtracking.
        var engine = Engine("""
            [[rules]]
            id = "evil"
            regex = '''(a+)+$'''
            keywords = ["aaaa"]
            """);
        var adversarial = new string('a', 1 << 16) + "!\n";

        // Act
        var findings = engine.ScanText(adversarial, "x.txt");

        // Assert
        Assert.Empty(findings);
        Assert.Contains(engine.Rules, r => r.Id == "evil" && r.Regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));
    }

    [Theory]
    [InlineData("regex = '''acme_([a-z'''", "broken")]
    [InlineData("regex = '''(a)\\1'''", "backreference")]
    public void Parse_RegexThatCannotBeCompiled_RefusedWithTheRuleId(string regexLine, string id)
    {
        // Arrange
        var toml = $"[[rules]]\nid = \"{id}\"\n{regexLine}\nkeywords = [\"acme\"]\n";

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ConfigReader.Parse(toml, "bad.toml"));

        // Assert
        Assert.Contains($"rule {id}", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.toml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_RuleWithoutKeywords_RunsEverywhereAndIsListedAsSlow()
    {
        // Arrange: no keywords, as gitleaks allows.
        var engine = Engine("[[rules]]\nid = \"internal-id\"\nregex = '''INT-[0-9]{4}-[A-Z]{4}-[0-9]{4}'''\n");
        var text = string.Concat(Enumerable.Repeat("filler line without anything\n", 20_000)) + "ref = INT-4821-QXZW-9173\n";

        // Act
        var findings = engine.ScanText(text, "notes.txt");

        // Assert: found past the first chunk, reported once, and the engine says the rule is unkeyed.
        var finding = Assert.Single(findings);
        Assert.Equal("INT-4821-QXZW-9173", finding.Secret);
        Assert.Equal(20_001, finding.Line);
        Assert.Equal(["internal-id"], engine.RulesWithoutKeywords);
    }

    [Fact]
    public void Parse_InvalidToml_RefusedWithThePlace()
    {
        // Act and Assert
        var error = Assert.Throws<InvalidDataException>(() => ConfigReader.Parse("[[rules]\nid =", "c.toml"));
        Assert.StartsWith("c.toml: not valid TOML", error.Message, StringComparison.Ordinal);
    }
}
