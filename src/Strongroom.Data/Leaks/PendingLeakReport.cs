namespace Strongroom.Data.Leaks;

/// <summary>
/// A token of ours reported through the public revoke endpoint, waiting for the worker that revokes it.
/// Only its SHA-256 is kept. Written in the request, so a crash loses no report; handled after the answer,
/// so the answer takes as long whether the token was live or not.
/// </summary>
public sealed class PendingLeakReport
{
    public long Id { get; set; }
    public required byte[] Hash { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string? Ip { get; init; }
}
