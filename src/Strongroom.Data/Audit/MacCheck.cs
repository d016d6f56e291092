using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>
/// Checks each event's MAC as verification streams the chain, and keeps the first that fails. Rows from
/// before MACs existed carry none; once one row carries a MAC, every later row must. A MAC's nonce appears
/// once: a second row holding it is a copy of a genuine row.
/// </summary>
internal sealed class MacCheck(AuditEventMac? macs)
{
    private readonly HashSet<UInt128> _nonces = [];
    private bool _macsBegun;

    public AuditProblem? FirstBad { get; private set; }

    /// <summary>A sealed event: a missing MAC is a row written around Strongroom; a wrong one, a row changed after it was written.</summary>
    public void Sealed(AuditEntry entry, byte[]? mac)
    {
        if (macs is null || FirstBad is not null)
        {
            return;
        }

        if (mac is null)
        {
            FirstBad = _macsBegun ? new AuditProblem(entry.Seq, AuditProblem.Inserted) : null;
            return;
        }

        _macsBegun = true;
        if (!macs.IsValid(entry, mac))
        {
            FirstBad = new AuditProblem(entry.Seq, AuditProblem.Edited);
        }
        else if (IsCopy(mac))
        {
            FirstBad = new AuditProblem(entry.Seq, AuditProblem.Inserted);
        }
    }

    private bool IsCopy(byte[] mac) => AuditEventMac.Nonce(mac) is { } nonce && !_nonces.Add(nonce);

    /// <summary>An event not sealed yet: one without a fitting MAC would never be sealed, and is named at the place it would take.</summary>
    public void Pending(AuditEntry entry, byte[]? mac, long place)
    {
        if (macs is not null && FirstBad is null && (mac is null || !macs.IsValid(entry, mac) || IsCopy(mac)))
        {
            FirstBad = new AuditProblem(place, AuditProblem.Inserted);
        }
    }
}
