namespace Strongroom.Data.Tokens;

/// <summary>The <see cref="System.Diagnostics.DiagnosticListener"/> the hand-written token lookups report each query to, as EF Core reports its own.</summary>
public static class TokenLookupDiagnostics
{
    /// <summary>The listener's name.</summary>
    public const string Name = "Strongroom.Data.TokenLookup";

    /// <summary>What the listener is told after each lookup.</summary>
    public sealed record Executed(string ConnectionString, string CommandText);
}
