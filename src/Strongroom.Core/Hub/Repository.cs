namespace Strongroom.Core.Hub;

/// <summary>A model, dataset or Space repository owned by a user or an organization.</summary>
public sealed class Repository
{
    public required string Id { get; init; }
    public RepoType Type { get; init; }
    /// <summary>The owner's name (user or org), the part before the slash.</summary>
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required string OwnerId { get; init; }
    public bool OwnerIsOrg { get; init; }
    public bool Private { get; set; }
    /// <summary>For Spaces: gradio, streamlit, docker or static.</summary>
    public string? Sdk { get; set; }
    /// <summary>For Spaces: whether the runtime's workload token may also write to the Space's repository.</summary>
    public bool WorkloadCanWrite { get; set; }
    /// <summary>The owner's choice for third-party secrets in pushes; null: the default for its visibility.</summary>
    public SecretsPushProtection? PushProtection { get; set; }

    /// <summary>What push protection does with third-party secrets: the owner's choice, else block when public and warn when private.</summary>
    public SecretsPushProtection EffectivePushProtection => PushProtection ?? (Private ? SecretsPushProtection.Warn : SecretsPushProtection.Block);

    public string? CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string FullName => $"{Namespace}/{Name}";
}
