using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Tests.Rules;

/// <summary>The one generic test that runs every rule's own true- and false-positive examples.</summary>
public sealed class RuleExamplesTests
{
    private static readonly ScanEngine Engine = new(new ScanOptions { EnableGenericRule = true });

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All())
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void TruePositives_EveryExample_FoundByItsRule(string ruleId)
    {
        // Arrange
        var rule = RuleCatalog.All().Single(r => r.Id == ruleId);
        Assert.NotEmpty(rule.TruePositives);

        foreach (var example in rule.TruePositives)
        {
            // Act
            var findings = Engine.ScanText(example);

            // Assert
            var finding = Assert.Single(findings, f => f.RuleId == ruleId);
            Assert.Contains(finding.Secret, example, StringComparison.Ordinal);
            Assert.True(finding.Secret.Length <= rule.MaxLength, $"{ruleId}: secret longer than MaxLength");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void FalsePositives_EveryExample_NotFoundByItsRule(string ruleId)
    {
        // Arrange
        var rule = RuleCatalog.All().Single(r => r.Id == ruleId);
        Assert.NotEmpty(rule.FalsePositives);

        foreach (var example in rule.FalsePositives)
        {
            // Act
            var findings = Engine.ScanText(example);

            // Assert
            Assert.DoesNotContain(findings, f => f.RuleId == ruleId);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void TruePositives_AllowCommentOnLine_Suppressed(string ruleId)
    {
        // Arrange
        var rule = RuleCatalog.All().Single(r => r.Id == ruleId);
        var example = rule.TruePositives[0];
        var lastLineEnd = example.IndexOf('\n', StringComparison.Ordinal);
        var allowed = lastLineEnd < 0 ? example + " # strongroom:allow" : example.Insert(lastLineEnd, " # strongroom:allow");

        // Act
        var findings = Engine.ScanText(allowed).Where(f => f.RuleId == ruleId && f.Line == 1).ToList();

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void Catalog_Default_HasSixtyRulesWithUniqueIdsAndKeywords()
    {
        // Arrange
        var rules = RuleCatalog.All();

        // Act
        var ids = rules.Select(r => r.Id).ToList();

        // Assert
        Assert.True(rules.Count >= 60, $"only {rules.Count} rules");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(rules, r => Assert.NotEmpty(r.Keywords));
        Assert.All(rules, r => Assert.All(r.Keywords, k => Assert.True(k.Length >= 2, $"{r.Id}: keyword '{k}' too short")));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Pattern_EveryRule_HasOnlyBoundedQuantifiers(string ruleId)
    {
        // Arrange
        var pattern = RuleCatalog.All().Single(r => r.Id == ruleId).Pattern;
        var unbounded = new List<int>();

        // Act: outside character classes and escapes, '*', '+' and '{n,}' repeat without bound.
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c is '*' or '+' || (c == ',' && i + 1 < pattern.Length && pattern[i + 1] == '}'))
            {
                unbounded.Add(i);
            }
        }

        // Assert
        Assert.Empty(unbounded);
        Assert.True(rule(ruleId).MaxLength <= 4096, "windows stay small");

        static SecretRule rule(string id) => RuleCatalog.All().Single(r => r.Id == id);
    }

    [Fact]
    public void Create_DefaultOptions_LeavesGenericRuleOff()
    {
        // Arrange
        var options = new ScanOptions();

        // Act
        var rules = RuleCatalog.Create(options);

        // Assert
        Assert.DoesNotContain(rules, r => r.Id == "generic-secret-assignment");
        Assert.Contains(rules, r => r.Id == "strongroom-token");
    }
}
