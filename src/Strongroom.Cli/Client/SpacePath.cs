namespace Strongroom.Cli.Client;

/// <summary>A Space named on the command line as <c>namespace/name</c>, and its API path.</summary>
internal static class SpacePath
{
    /// <summary><c>api/spaces/{ns}/{name}/</c>, each part escaped so it cannot change the route.</summary>
    /// <exception cref="CliException">Not two non-empty parts around one slash.</exception>
    public static string Api(string space)
    {
        if (space.Split('/') is not [{ Length: > 0 } ns, { Length: > 0 } name])
        {
            throw new CliException($"--space must be namespace/name, not '{space}'.");
        }

        return $"api/spaces/{StrongroomClient.Segment(ns)}/{StrongroomClient.Segment(name)}/";
    }
}
