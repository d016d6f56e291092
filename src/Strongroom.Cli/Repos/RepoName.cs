using Strongroom.Cli.Client;

namespace Strongroom.Cli.Repos;

/// <summary>A repository named on the command line: <c>NAMESPACE/NAME</c>, or <c>NAME</c> with <c>--org</c> or in the caller's own namespace.</summary>
internal sealed record RepoName(string? Namespace, string Name)
{
    /// <summary>Splits <paramref name="text"/>; <paramref name="org"/> (from <c>--org</c>) names the namespace when the text does not.</summary>
    /// <exception cref="CliException">More than one slash, an empty part, or a namespace that contradicts <c>--org</c>.</exception>
    public static RepoName Parse(string text, string? org)
    {
        var parts = text.Split('/');
        if (parts is [{ Length: > 0 } name])
        {
            return new RepoName(string.IsNullOrEmpty(org) ? null : org, name);
        }

        if (parts is not [{ Length: > 0 } ns, { Length: > 0 } repo])
        {
            throw new CliException($"A repository is NAMESPACE/NAME (or NAME with --org), not '{text}'.");
        }

        if (!string.IsNullOrEmpty(org) && !string.Equals(org, ns, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"'{text}' is in namespace '{ns}' but --org says '{org}'; give one of them.");
        }

        return new RepoName(ns, repo);
    }

    /// <summary>Like <see cref="Parse"/>, but the namespace is required (the API path needs it).</summary>
    public static RepoName ParseFull(string text, string? org = null)
    {
        var name = Parse(text, org);
        return name.Namespace is null ? throw new CliException($"Give the repository as NAMESPACE/NAME (e.g. acme/{text}), not '{text}'.") : name;
    }

    public override string ToString() => Namespace is null ? Name : Namespace + "/" + Name;
}
