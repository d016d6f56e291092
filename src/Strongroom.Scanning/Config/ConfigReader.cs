using System.Globalization;
using System.Text.RegularExpressions;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;
using Tomlyn;
using Tomlyn.Model;

namespace Strongroom.Scanning.Config;

/// <summary>
/// Reads a configuration in gitleaks' format (also that of <c>.strongroom.toml</c>): <c>[[rules]]</c>
/// with <c>id</c>, <c>description</c>, <c>regex</c>, <c>secretGroup</c>, <c>entropy</c>,
/// <c>keywords</c>, <c>path</c>, and allowlists as <c>[allowlist]</c>/<c>[[allowlists]]</c> (global) and
/// <c>[rules.allowlist]</c>/<c>[[rules.allowlists]]</c> (per rule). A rule without keywords runs
/// on every byte (the engine lists it in <see cref="Engine.ScanEngine.RulesWithoutKeywords"/>). Regexes run with
/// <see cref="RegexOptions.NonBacktracking"/>, so none can take more than linear time; one that
/// cannot be compiled that way is refused with its rule id and the reason.
/// </summary>
public static class ConfigReader
{
    // A custom rule's pattern runs on a window around each keyword hit, as the built-in ones do:
    // gitleaks runs it on the whole fragment, so a match must lie within these bounds of a keyword.
    private const int LookBehind = 256;
    private const int MaxLength = 1024;

    /// <summary>Reads and checks a configuration file; <see cref="InvalidDataException"/> says what is wrong.</summary>
    public static ScanConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses configuration text; <paramref name="source"/> names it in errors.</summary>
    public static ScanConfig Parse(string toml, string source)
    {
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(toml, ConfigTomlContext.Default) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new InvalidDataException($"{source}: not valid TOML: {e.Message}", e);
        }

        var rules = new List<SecretRule>();
        var ruleAllowlists = new Dictionary<string, IReadOnlyList<Allowlist>>(StringComparer.Ordinal);
        foreach (var table in Tables(document, "rules"))
        {
            var id = String(table, "id") ?? throw new InvalidDataException($"{source}: a rule has no id");
            rules.Add(Rule(table, id, source));
            var lists = Allowlists(table, "allowlist", "allowlists", $"{source}: rule {id}");
            if (lists.Count > 0)
            {
                ruleAllowlists[id] = lists;
            }
        }

        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{source}: rule {duplicate.Key} is defined twice");
        }

        return new ScanConfig
        {
            Rules = rules,
            Allowlists = Allowlists(document, "allowlist", "allowlists", $"{source}: allowlist"),
            RuleAllowlists = ruleAllowlists,
        };
    }

    private static SecretRule Rule(TomlTable table, string id, string source)
    {
        var where = $"{source}: rule {id}";
        var pattern = String(table, "regex") ?? throw new InvalidDataException($"{where}: no regex (rules that match paths only are not supported)");
        var keywords = Strings(table, "keywords");
        var regex = Compile(pattern, where);
        var group = table.TryGetValue("secretGroup", out var g) ? Convert.ToInt32(g, CultureInfo.InvariantCulture) : 0;
        if (group < 0 || group > regex.GetGroupNumbers().Max())
        {
            throw new InvalidDataException($"{where}: secretGroup {group} is not a group of its regex");
        }

        var path = String(table, "path");
        return new SecretRule
        {
            Id = id,
            Description = String(table, "description") ?? id,
            Confidence = Confidence.Medium,
            Keywords = CaseVariants(keywords, where),
            Pattern = pattern,
            Matcher = regex,
            SecretGroupNumber = group,
            PathFilter = path is null ? null : Compile(path, $"{where} path"),
            MaxLength = MaxLength,
            LookBehind = LookBehind,
            MinEntropy = table.TryGetValue("entropy", out var e) ? Convert.ToDouble(e, CultureInfo.InvariantCulture) : 0,
            TruePositives = [],
            FalsePositives = [],
        };
    }

    // gitleaks matches keywords ignoring case; the keyword filter is exact, so it gets the usual spellings.
    private static List<string> CaseVariants(IReadOnlyList<string> keywords, string where)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in keywords)
        {
            if (keyword.Length < 2 || keyword.Any(c => c > 127))
            {
                throw new InvalidDataException($"{where}: keyword '{keyword}' must be ASCII and at least two characters long");
            }

            variants.UnionWith([keyword, keyword.ToLowerInvariant(), keyword.ToUpperInvariant(), char.ToUpperInvariant(keyword[0]) + keyword[1..].ToLowerInvariant()]);
        }

        return [.. variants];
    }

    private static List<Allowlist> Allowlists(TomlTable table, string single, string many, string where)
    {
        var tables = new List<TomlTable>();
        if (table.TryGetValue(single, out var one) && one is TomlTable oneTable)
        {
            tables.Add(oneTable);
        }

        tables.AddRange(Tables(table, many));
        return [.. tables.Select(t => new Allowlist
        {
            Paths = [.. Strings(t, "paths").Select(p => Compile(p, $"{where} paths"))],
            Regexes = [.. Strings(t, "regexes").Select(r => Compile(r, $"{where} regexes"))],
            RegexTarget = String(t, "regexTarget") ?? "secret",
            StopWords = Strings(t, "stopwords"),
            Commits = Strings(t, "commits"),
        })];
    }

    private static Regex Compile(string pattern, string where)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"{where}: regex cannot be compiled without backtracking: {e.Message}", e);
        }
    }

    private static IEnumerable<TomlTable> Tables(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is TomlTableArray array ? array : [];

    private static string? String(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is string text ? text : null;

    private static List<string> Strings(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is TomlArray array ? [.. array.OfType<string>()] : [];
}
