namespace Strongroom.Core.Kms;

/// <summary>The state of a KMS key version.</summary>
public enum KmsKeyState
{
    /// <summary>The version new data keys are wrapped under; wraps and unwraps.</summary>
    Primary,

    /// <summary>A former primary: unwraps existing data keys until they are rewrapped.</summary>
    Active,

    /// <summary>No longer usable: neither wraps nor unwraps.</summary>
    Retired,
}
