namespace Strongroom.Core.Hub;

/// <summary>Conversions between <see cref="RepoType"/> and the words the hub's API uses.</summary>
public static class RepoTypes
{
    /// <summary>Parses "model", "dataset", "space" (singular, as in request bodies).</summary>
    public static bool TryParse(string? value, out RepoType type)
    {
        switch (value)
        {
            case null or "" or "model": type = RepoType.Model; return true;
            case "dataset": type = RepoType.Dataset; return true;
            case "space": type = RepoType.Space; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Parses "models", "datasets", "spaces" (plural, as in URL paths), in any case: routing
    /// matches path words case-insensitively, so what it let through must parse here too.</summary>
    public static bool TryParsePlural(string? value, out RepoType type)
    {
        switch (value?.ToLowerInvariant())
        {
            case "models": type = RepoType.Model; return true;
            case "datasets": type = RepoType.Dataset; return true;
            case "spaces": type = RepoType.Space; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Parses a plural path word the route already constrained.</summary>
    public static RepoType ParsePlural(string value) =>
        TryParsePlural(value, out var type) ? type : throw new ArgumentException("Unknown repository type", nameof(value));

    /// <summary>Parses a singular word already checked by the caller.</summary>
    public static RepoType Parse(string? value) =>
        TryParse(value, out var type) ? type : throw new ArgumentException("Unknown repository type", nameof(value));

    public static string ToWord(this RepoType type) => type switch
    {
        RepoType.Model => "model",
        RepoType.Dataset => "dataset",
        RepoType.Space => "space",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
