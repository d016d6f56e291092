using System.ComponentModel.DataAnnotations;

namespace Strongroom.Core.Tokens;

/// <summary>Configuration section <c>Tokens</c>.</summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string Section = "Tokens";

    /// <summary>2-8 lowercase letters that identify this issuer; <c>sr</c> by default.</summary>
    public string Prefix { get; set; } = "sr";

    public ClassicTokenOptions Classic { get; set; } = new();

    /// <summary>How long a verified token may be served from memory. Revocations on this node clear it at once.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A token's last-use time and IP are written at most this often (and whenever the IP changes).</summary>
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Active personal tokens a user may hold; creating one more answers 400 <c>too_many_tokens</c> until one is
    /// revoked. A bound, so that a script in a loop cannot grow the table (and the token list) without end.
    /// </summary>
    public int MaxActivePerUser { get; set; } = 500;

    /// <summary>Permission names that other services of the hub define, beyond the built-in catalogue.</summary>
    public List<string> ExtraPermissions { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TokenFormat.IsValidPrefix(Prefix))
        {
            yield return new ValidationResult("Tokens:Prefix must be 2-8 lowercase letters.", [nameof(Prefix)]);
        }

        if (CacheTtl < TimeSpan.Zero || CacheTtl > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Tokens:CacheTtl must be between 0 and 1 minute.", [nameof(CacheTtl)]);
        }
    }

    /// <summary>Whether <paramref name="permission"/> is in the catalogue.</summary>
    public bool IsKnownPermission(string permission) =>
        Permissions.BuiltIn.Contains(permission) || ExtraPermissions.Contains(permission, StringComparer.Ordinal);
}

/// <summary>Configuration section <c>Tokens:Classic</c>: the phase-out of classic read/write tokens.</summary>
public sealed class ClassicTokenOptions
{
    /// <summary>Whether new classic tokens may still be created.</summary>
    public bool AllowCreate { get; set; } = true;

    /// <summary>When classic tokens were declared deprecated (the <c>Deprecation</c> header's date); "true" when unset.</summary>
    public DateTimeOffset? DeprecatedAt { get; set; }

    /// <summary>After this instant classic tokens get 401; before it their responses carry Deprecation and Sunset.</summary>
    public DateTimeOffset? SunsetAt { get; set; }
}
