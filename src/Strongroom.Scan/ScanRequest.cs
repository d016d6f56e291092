namespace Strongroom.Scan;

/// <summary>The parsed options of one <c>strongroom scan</c>.</summary>
internal sealed record ScanRequest
{
    public IReadOnlyList<string> Paths { get; init; } = [];

    public string? GitRepository { get; init; }

    public bool Staged { get; init; }

    public string? Since { get; init; }

    public string Format { get; init; } = "text";

    public string? Output { get; init; }

    public string? Baseline { get; init; }

    public IReadOnlyList<string> TokenPrefixes { get; init; } = [];

    public bool Generic { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;

    public bool Progress { get; init; } = true;

    public bool ListRules { get; init; }

    public bool NoIgnore { get; init; }

    public string? Config { get; init; }

    public int MaxDecodeDepth { get; init; } = 2;

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>A Strongroom server to ask which found tokens of ours are live (with <c>STRONGROOM_TOKEN</c>).</summary>
    public string? Verify { get; init; }

    /// <summary>A Strongroom server to report the found tokens of ours to, for revocation.</summary>
    public string? Revoke { get; init; }
}
