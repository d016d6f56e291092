using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// Read-write sessions on one token, reused across calls; a PKCS#11 session runs one operation at a
/// time, so each caller holds its own for the duration of a call. One anchor session stays open
/// for the pool's life: the user login belongs to the application and lasts while any session is
/// open, so the anchor keeps it even when other provider instances close theirs.
/// </summary>
internal sealed class Pkcs11SessionPool : IDisposable
{
    private const int MaxIdle = 16;

    private readonly ISlot _slot;
    private readonly ISession _anchor;
    private readonly ConcurrentBag<ISession> _idle = [];
    private int _disposed;

    public Pkcs11SessionPool(ISlot slot, string pin)
    {
        _slot = slot;
        _anchor = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            _anchor.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another provider instance in this process logged in to the same token.
        }
        catch (Pkcs11Exception ex)
        {
            _anchor.Dispose();
            throw new KmsException($"PKCS#11 login to the token failed ({ex.RV}).", ex);
        }
    }

    public T Run<T>(Func<ISession, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (!_idle.TryTake(out var session))
        {
            session = _slot.OpenSession(SessionType.ReadWrite);
        }

        try
        {
            var result = operation(session);
            Return(session);
            return result;
        }
        catch (Pkcs11Exception ex) when (IsSessionBroken(ex.RV))
        {
            session.Dispose();
            throw;
        }
        catch
        {
            // A failed operation (a bad tag, a refused key) leaves the session usable.
            Return(session);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        _anchor.Dispose();
    }

    private static bool IsSessionBroken(CKR rv) =>
        rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_DEVICE_REMOVED
            or CKR.CKR_DEVICE_ERROR or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_USER_NOT_LOGGED_IN
            or CKR.CKR_OPERATION_ACTIVE;

    private void Return(ISession session)
    {
        if (Volatile.Read(ref _disposed) == 1 || _idle.Count >= MaxIdle)
        {
            session.Dispose();
            return;
        }

        _idle.Add(session);
    }
}
