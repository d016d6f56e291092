using Strongroom.Cli.Client;
using Strongroom.Server.Contracts;

namespace Strongroom.Cli.Tokens;

/// <summary>
/// Turns <c>--scope TYPE:NAME=perm1,perm2</c> (repeatable) and <c>--global perm,...</c> into the API's
/// fine-grained grant. Only the shape is checked here; the server knows the permission catalogue and
/// which entities the caller may scope to.
/// </summary>
internal static class GrantArguments
{
    public static readonly string[] EntityTypes = ["user", "org", "model", "dataset", "space"];

    /// <exception cref="CliException">A value is not of the form <c>TYPE:NAME=perm,...</c>.</exception>
    public static GrantDto? Parse(IReadOnlyList<string> scopes, IReadOnlyList<string> global, bool canReadGatedRepos)
    {
        if (scopes.Count == 0 && global.Count == 0 && !canReadGatedRepos)
        {
            return null;
        }

        var entries = new List<(string Type, string Name, List<string> Permissions)>();
        foreach (var scope in scopes)
        {
            var (type, name, permissions) = ParseScope(scope);
            var existing = entries.FindIndex(e => e.Type == type && e.Name == name);
            if (existing >= 0)
            {
                entries[existing].Permissions.AddRange(permissions.Except(entries[existing].Permissions, StringComparer.Ordinal));
            }
            else
            {
                entries.Add((type, name, permissions));
            }
        }

        var globalPermissions = global.SelectMany(SplitPermissions).Distinct(StringComparer.Ordinal).ToList();
        return new GrantDto(
            globalPermissions,
            entries.Select(e => new ScopedGrantDto(new EntityDto(e.Type, e.Name, null), e.Permissions)).ToList(),
            canReadGatedRepos ? true : null);
    }

    public static (string Type, string Name, List<string> Permissions) ParseScope(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (colon <= 0 || equals < colon + 2)
        {
            throw new CliException($"--scope '{value}' is not TYPE:NAME=perm1,perm2 (e.g. model:alice/bert=repo.content.read).");
        }

        var type = value[..colon].Trim();
        if (!EntityTypes.Contains(type, StringComparer.Ordinal))
        {
            throw new CliException($"--scope type '{type}' is not one of {string.Join(", ", EntityTypes)}.");
        }

        var name = value[(colon + 1)..equals].Trim();
        if (name.Length == 0)
        {
            throw new CliException($"--scope '{value}' names no {type}.");
        }

        var permissions = SplitPermissions(value[(equals + 1)..]).Distinct(StringComparer.Ordinal).ToList();
        if (permissions.Count == 0)
        {
            throw new CliException($"--scope '{value}' grants no permission.");
        }

        return (type, name, permissions);
    }

    private static IEnumerable<string> SplitPermissions(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A short human summary of a grant for tables: <c>global: a,b; org:acme: c</c>.</summary>
    public static string Describe(GrantDto? grant)
    {
        if (grant is null)
        {
            return "-";
        }

        var parts = new List<string>();
        if (grant.Global is { Count: > 0 } g)
        {
            parts.Add("global: " + string.Join(",", g));
        }

        foreach (var s in grant.Scoped ?? [])
        {
            parts.Add($"{s.Entity?.Type}:{s.Entity?.Name}: {string.Join(",", s.Permissions ?? [])}");
        }

        if (grant.CanReadGatedRepos == true)
        {
            parts.Add("gated repos");
        }

        return parts.Count == 0 ? "(none)" : string.Join("; ", parts);
    }
}
