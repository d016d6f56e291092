namespace Strongroom.Server.Features.Kms;

/// <summary>
/// How the background rewrap moves data keys to the KMS primary version, bound from the <c>Kms</c>
/// section: <c>Kms:RewrapBatchSize</c>, <c>Kms:RewrapPause</c>, <c>Kms:RewrapInterval</c> and
/// <c>Kms:RetireGracePeriod</c>
/// (TimeSpans, e.g. <c>00:00:00.020</c>).
/// </summary>
public sealed class KmsRewrapOptions
{
    public const string Section = "Kms";

    /// <summary>Secrets read, rewrapped and committed together.</summary>
    public int RewrapBatchSize { get; set; } = 500;

    /// <summary>A pause between batches, to leave the database to users on a busy hub.</summary>
    public TimeSpan RewrapPause { get; set; } = TimeSpan.Zero;

    /// <summary>How often a pass runs without being asked (after a rotation it runs at once).</summary>
    public TimeSpan RewrapInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after a version stops being primary it may be retired. A secret write that sealed
    /// under it just before the rotation may land after the rewrap has finished; retiring too soon
    /// would leave that secret under a key that can no longer open it.
    /// </summary>
    public TimeSpan RetireGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    internal static void Register(IServiceCollection services) =>
        services.AddOptions<KmsRewrapOptions>().BindConfiguration(Section)
            .Validate(o => o.RewrapBatchSize is >= 1 and <= 10_000, "Kms:RewrapBatchSize must be 1-10000.")
            .Validate(o => o.RewrapPause >= TimeSpan.Zero && o.RewrapPause <= TimeSpan.FromMinutes(1), "Kms:RewrapPause must be 0-1 minute.")
            .Validate(o => o.RewrapInterval >= TimeSpan.FromSeconds(1), "Kms:RewrapInterval must be at least 1 second.")
            .Validate(o => o.RetireGracePeriod >= TimeSpan.Zero && o.RetireGracePeriod <= TimeSpan.FromDays(1), "Kms:RetireGracePeriod must be 0-1 day.")
            .ValidateOnStart();
}
