using System.CommandLine;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Repos;

/// <summary>The <c>--type model|dataset|space</c> option every repository command takes, and the API words for each type.</summary>
internal static class RepoKind
{
    public const string Model = "model";
    public const string Dataset = "dataset";
    public const string Space = "space";

    public static Option<string> Option()
    {
        var option = new Option<string>("--type", "-t") { Description = "model (default), dataset or space", DefaultValueFactory = _ => Model };
        option.AcceptOnlyFromAmong(Model, Dataset, Space);
        return option;
    }

    /// <summary>The plural word of the API paths (<c>api/models/...</c>).</summary>
    public static string Plural(string type) => type + "s";

    /// <summary>The API path of one repository: <c>api/{types}/{ns}/{name}</c>, each part escaped.</summary>
    public static string ApiPath(string type, RepoName repo) =>
        $"api/{Plural(type)}/{StrongroomClient.Segment(repo.Namespace!)}/{StrongroomClient.Segment(repo.Name)}";

    /// <summary>How people write it: "model acme/bert", "Space acme/demo".</summary>
    public static string Describe(string type, RepoName repo) => (type == Space ? "Space" : type) + " " + repo;
}
