namespace Strongroom.Server.Features.Audit;

/// <summary>
/// When the chain head is signed, bound from the <c>Audit</c> section: <c>Audit:CheckpointEvery</c>
/// (events) and <c>Audit:CheckpointInterval</c> (a TimeSpan, e.g. <c>00:01:00</c>); whichever comes first.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>A checkpoint after this many events since the last one.</summary>
    public long CheckpointEvery { get; set; } = 1000;

    /// <summary>A checkpoint at least this often while events arrive.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal static void Register(IServiceCollection services) =>
        services.AddOptions<AuditOptions>().BindConfiguration(Section)
            .Validate(o => o.CheckpointEvery is >= 1 and <= 10_000_000, "Audit:CheckpointEvery must be 1-10000000.")
            .Validate(o => o.CheckpointInterval >= TimeSpan.FromSeconds(1) && o.CheckpointInterval <= TimeSpan.FromDays(1), "Audit:CheckpointInterval must be 1 second to 1 day.")
            .ValidateOnStart();
}
