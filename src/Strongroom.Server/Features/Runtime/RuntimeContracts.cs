namespace Strongroom.Server.Features.Runtime;

/// <summary>What a runner receives to start a Space: its environment and a credential for the Space itself.</summary>
public sealed record RuntimeStartResponse(
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyDictionary<string, string> Secrets,
    WorkloadTokenView WorkloadToken);

/// <summary>A workload token, shown once, and when it stops working unless renewed.</summary>
public sealed record WorkloadTokenView(string Token, DateTimeOffset ExpiresAt);

/// <summary>Body of renew and stop: the workload token the runner was given at start.</summary>
public sealed record WorkloadTokenRequest(string? Token);

/// <summary>A renewed workload token's new expiry.</summary>
public sealed record WorkloadRenewal(DateTimeOffset ExpiresAt);
