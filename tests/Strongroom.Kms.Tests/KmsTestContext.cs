using Microsoft.Extensions.Time.Testing;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Strongroom.Core.Kms;
using Strongroom.Kms.Local;
using Strongroom.Core.Secrets;
using Strongroom.Kms.Pkcs11;

namespace Strongroom.Kms.Tests;

/// <summary>
/// One test's KMS: a fresh key directory (local) or a fresh key label on the shared SoftHSM2 token
/// (pkcs11), so tests never see each other's keys. Reopen builds a new provider instance over the
/// same store, as a restarted server would. Dispose removes the keys.
/// </summary>
internal sealed class KmsTestContext : IDisposable
{
    public const string Local = "local";
    public const string Pkcs11 = "pkcs11";

    private readonly List<IKeyEncryptionService> _instances = [];

    public KmsTestContext(string provider)
    {
        Provider = provider;
        if (provider == Local)
        {
            KeyDirectory = Path.Combine(Path.GetTempPath(), "strongroom-kms-test-" + Guid.NewGuid().ToString("N"), "kms");
        }
        else
        {
            KeyLabel = Pkcs11TestEnvironment.UniqueKeyLabel();
        }

        Kms = Reopen();
        Sealer = new SecretSealer(Kms);
    }

    public string Provider { get; }

    public string? KeyDirectory { get; }

    public string? KeyLabel { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public IKeyEncryptionService Kms { get; }

    public SecretSealer Sealer { get; }

    public IKeyEncryptionService Reopen()
    {
        IKeyEncryptionService kms = Provider == Local
            ? new LocalKeyEncryptionService(KeyDirectory!, Time)
            : new Pkcs11KeyEncryptionService(Pkcs11TestEnvironment.Options(KeyLabel!));
        _instances.Add(kms);
        return kms;
    }

    /// <summary>Runs an action in a session of the test token (pkcs11 only), logged in through the provider, holding the provider's object mutation gate.</summary>
    public T WithTokenSession<T>(Func<ISession, T> action)
    {
        var options = Pkcs11TestEnvironment.Options(KeyLabel!);
        var module = Pkcs11Module.Acquire(options.ModulePath!);
        try
        {
            // Same gate as the providers: SoftHSM2 cannot create and destroy objects concurrently.
            lock (module.ObjectMutationGate)
            {
                using var session = module.FindSlot(options.TokenLabel!).OpenSession(SessionType.ReadWrite);
                return action(session);
            }
        }
        finally
        {
            module.Release();
        }
    }

    public void Dispose()
    {
        if (Provider == Pkcs11 && _instances.Count > 0)
        {
            // Remove this test's objects while a provider still holds the login.
            WithTokenSession(session =>
            {
                foreach (var handle in session.FindAllObjects([Pkcs11Module.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY)]))
                {
                    try
                    {
                        var label = session.GetAttributeValue(handle, [CKA.CKA_LABEL])[0].GetValueAsString();
                        if (label is not null && label.StartsWith(KeyLabel + "-", StringComparison.Ordinal))
                        {
                            session.DestroyObject(handle);
                        }
                    }
                    catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_OBJECT_HANDLE_INVALID)
                    {
                        // Another test removed its own object meanwhile.
                    }
                }

                return 0;
            });
        }

        foreach (var instance in _instances)
        {
            (instance as IDisposable)?.Dispose();
        }

        if (KeyDirectory is not null)
        {
            Directory.Delete(Path.GetDirectoryName(KeyDirectory)!, recursive: true);
        }
    }
}
