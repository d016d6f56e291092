using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Kms;
using Strongroom.Data;
using Strongroom.Server.Features.Admin;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using static Strongroom.Server.Features.Kms.KmsContracts;

namespace Strongroom.Server.Features.Kms;

/// <summary>
/// <c>/api/admin/kms</c>: rotate the KMS key, watch the rewrap, retire versions that wrap nothing.
/// Hub admins' interactive sessions only, as every admin route.
/// </summary>
public static class KmsEndpoints
{
    public static IServiceCollection AddKmsRotation(this IServiceCollection services)
    {
        KmsRewrapOptions.Register(services);
        services.AddSingleton<KeyRewrapper>();
        services.AddHostedService<KeyRewrapJob>();
        return services;
    }

    public static void MapKmsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/kms").WithTags("Admin").AddEndpointFilter(AdminSession.Require);
        group.MapGet("/status", StatusAsync);
        group.MapPost("/rotate", RotateAsync);
        group.MapPost("/versions/{version:int}/retire", RetireAsync);
    }

    private static async Task<Ok<StatusView>> StatusAsync(HttpContext context, StrongroomDb db, IKeyEncryptionService kms, KeyRewrapper rewrapper)
    {
        var versions = kms.ListVersions(); // first: listing rescans the KMS, so the primary below is current
        var primary = kms.PrimaryVersion;
        var counts = await WrappedKeyCountsAsync(db, context.RequestAborted).ConfigureAwait(false);
        var pending = counts.Where(c => c.Key != primary).Sum(c => c.Value);
        return TypedResults.Ok(new StatusView(
            kms.ProviderName,
            primary,
            versions.Select(v => View(v, counts.GetValueOrDefault(v.Version))).ToList(),
            new RewrapView(pending, rewrapper.IsRunning, rewrapper.LastPass?.Failed)));
    }

    /// <summary>
    /// When <paramref name="version"/> stopped being primary: the time of the rotation to its successor,
    /// from the audit log (shared by every node), else from the KMS when it records creation times.
    /// </summary>
    private static async Task<DateTimeOffset?> RotatedAwayAtAsync(StrongroomDb db, IReadOnlyList<KmsKeyVersionInfo> versions, int version, CancellationToken cancellationToken)
    {
        var successor = versions.Where(v => v.Version > version).MinBy(v => v.Version);
        if (successor is null)
        {
            return null;
        }

        var target = VersionTarget(successor.Version);
        var rotated = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Action == "kms.rotate" && a.Target == target && a.Outcome == AuditOutcome.Success)
            .OrderByDescending(a => a.Id)
            .Select(a => (DateTimeOffset?)a.Time)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return rotated ?? successor.CreatedAt;
    }

    private static async Task<Ok<RotateView>> RotateAsync(HttpContext context, IKeyEncryptionService kms, KeyRewrapper rewrapper, IAuditLog audit)
    {
        var previous = kms.PrimaryVersion;
        var rotation = KmsEvent(context, "kms.rotate", "kms", kms.ProviderName, ("previousVersion", previous));
        // The KMS is outside the database's transaction: the intent commits first, so a rotation is never unrecorded.
        await audit.WriteAsync(rotation with { Outcome = AuditOutcome.Started }, context.RequestAborted).ConfigureAwait(false);
        KmsKeyVersionInfo rotated;
        try
        {
            rotated = kms.Rotate();
        }
        catch
        {
            await audit.WriteAsync(rotation with { Outcome = AuditOutcome.Failure }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        rewrapper.RequestPass();
        await audit.WriteAsync(rotation with { Target = VersionTarget(rotated.Version) }, CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Ok(new RotateView(rotated.Version, previous));
    }

    private static string VersionTarget(int version) => "kms:v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static AuditEvent KmsEvent(HttpContext context, string action, string target, string provider, params (string Name, int Value)[] details)
    {
        var all = new Dictionary<string, string> { ["provider"] = provider };
        foreach (var (name, value) in details)
        {
            all[name] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new AuditEvent { Action = action, ActorUserId = context.GetCaller().User!.Id, Ip = context.ClientIp(), Target = target, Details = all };
    }

    private static async Task<Results<Ok<VersionView>, NotFoundError, ConflictError>> RetireAsync(
        int version,
        HttpContext context, StrongroomDb db, IKeyEncryptionService kms, IAuditLog audit, IOptions<KmsRewrapOptions> options, TimeProvider time)
    {
        var versions = kms.ListVersions();
        var info = versions.FirstOrDefault(v => v.Version == version);
        if (info is null)
        {
            return new NotFoundError("kms_version_not_found", "No such KMS key version");
        }

        if (info.State == KmsKeyState.Primary)
        {
            return ApiError.Conflict("kms_version_primary", "The primary version cannot be retired; rotate first");
        }

        // Every sealed record counts: a version that still wraps a webhook's signing secret is in use too.
        var wrapped = await db.SpaceSecrets.CountAsync(s => s.KmsKeyVersion == version, context.RequestAborted).ConfigureAwait(false)
            + await db.Webhooks.CountAsync(w => w.KmsKeyVersion == version, context.RequestAborted).ConfigureAwait(false);
        if (wrapped > 0)
        {
            return ApiError.Conflict("kms_version_in_use", $"Version {version} still wraps {wrapped} data keys; wait for the rewrap (see status)");
        }

        var grace = options.Value.RetireGracePeriod;
        if (info.State != KmsKeyState.Retired
            && await RotatedAwayAtAsync(db, versions, version, context.RequestAborted).ConfigureAwait(false) is { } since
            && time.GetUtcNow() < since + grace)
        {
            return ApiError.Conflict("kms_version_recent",
                $"Version {version} stopped being primary at {since.UtcDateTime:u}; a secret write begun before then may still land under it. "
                + $"Retire it after {(since + grace).UtcDateTime:u}");
        }

        if (info.State != KmsKeyState.Retired)
        {
            var retirement = KmsEvent(context, "kms.retire", VersionTarget(version), kms.ProviderName);
            await audit.WriteAsync(retirement with { Outcome = AuditOutcome.Started }, context.RequestAborted).ConfigureAwait(false);
            try
            {
                kms.Retire(version);
            }
            catch (KmsKeyStateException)
            {
                // Another admin's request changed the version meanwhile; the KMS's refusal stands.
                await audit.WriteAsync(retirement with { Outcome = AuditOutcome.Failure }, CancellationToken.None).ConfigureAwait(false);
                return ApiError.Conflict("kms_version_primary", "The primary version cannot be retired; rotate first");
            }

            await audit.WriteAsync(retirement, CancellationToken.None).ConfigureAwait(false);
        }

        // Retired now, whether by this request or an earlier one: no need to rescan the KMS to say so.
        return TypedResults.Ok(View(info with { State = KmsKeyState.Retired }, 0));
    }

    /// <summary>Data keys per KMS version (Space secrets and webhook signing secrets), a GROUP BY each.</summary>
    internal static async Task<Dictionary<int, int>> WrappedKeyCountsAsync(StrongroomDb db, CancellationToken cancellationToken)
    {
        var counts = await db.SpaceSecrets.AsNoTracking()
            .GroupBy(s => s.KmsKeyVersion)
            .Select(g => new { Version = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Version, g => g.Count, cancellationToken).ConfigureAwait(false);
        var webhooks = await db.Webhooks.AsNoTracking()
            .GroupBy(w => w.KmsKeyVersion)
            .Select(g => new { Version = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var w in webhooks)
        {
            counts[w.Version] = counts.GetValueOrDefault(w.Version) + w.Count;
        }

        return counts;
    }

    private static VersionView View(KmsKeyVersionInfo info, int wrappedKeys) =>
        new(info.Version, StateName(info.State), wrappedKeys, info.CreatedAt);

    private static string StateName(KmsKeyState state) => state switch
    {
        KmsKeyState.Primary => "primary",
        KmsKeyState.Active => "active",
        _ => "retired",
    };
}
