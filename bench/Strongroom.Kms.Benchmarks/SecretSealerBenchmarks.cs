using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Strongroom.Core.Kms;
using Strongroom.Kms.Local;
using Strongroom.Core.Secrets;
using Strongroom.Kms.Pkcs11;

namespace Strongroom.Kms.Benchmarks;

/// <summary>
/// Seal, open and rewrap of one Space secret per provider, side by side: the local provider wraps
/// data keys in process, the pkcs11 provider makes one C_Encrypt or C_Decrypt call into SoftHSM2.
/// </summary>
[MemoryDiagnoser]
public class SecretSealerBenchmarks
{
    private const string SpaceId = "65f1c2a9e4b0a1b2c3d4e5f6";
    private const string KeyName = "OPENAI_API_KEY";

    private IKeyEncryptionService _kms = null!;
    private SecretSealer _sealer = null!;
    private byte[] _value = null!;
    private SealedSecret _sealed = null!;
    private SealedSecret _underOldVersion = null!;
    private string? _keyDirectory;

    [Params("local", "pkcs11")]
    public string Provider { get; set; } = "local";

    [Params(64)]
    public int ValueBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Provider == "local")
        {
            _keyDirectory = Path.Combine(Path.GetTempPath(), "strongroom-kms-bench-" + Guid.NewGuid().ToString("N"));
            _kms = new LocalKeyEncryptionService(_keyDirectory, TimeProvider.System);
        }
        else
        {
            var module = Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_MODULE")
                ?? throw new InvalidOperationException("Set STRONGROOM_TEST_PKCS11_MODULE (and SOFTHSM2_CONF, _TOKEN, _PIN) for the pkcs11 rows.");
            _kms = new Pkcs11KeyEncryptionService(new KmsPkcs11Options
            {
                ModulePath = module,
                TokenLabel = Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_TOKEN") ?? "strongroom-test",
                Pin = Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_PIN") ?? "1234",
                KeyLabel = "bench-" + Guid.NewGuid().ToString("N")[..12],
            });
        }

        _sealer = new SecretSealer(_kms);
        _value = RandomNumberGenerator.GetBytes(ValueBytes);
        _underOldVersion = _sealer.Seal(SpaceId, KeyName, 1, _value);
        _kms.Rotate();
        _sealed = _sealer.Seal(SpaceId, KeyName, 1, _value);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_kms as IDisposable)?.Dispose();
        if (_keyDirectory is not null)
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    [Benchmark]
    public SealedSecret Seal() => _sealer.Seal(SpaceId, KeyName, 1, _value);

    [Benchmark]
    public byte[] Open() => _sealer.Open(SpaceId, KeyName, 1, _sealed);

    [Benchmark]
    public SealedSecret Rewrap() => _sealer.Rewrap(_underOldVersion);

    /// <summary>Eight threads opening at once, to show what the session pool sustains.</summary>
    [Benchmark(OperationsPerInvoke = 8 * 64)]
    public void OpenParallel8() =>
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 64; i++)
            {
                _sealer.Open(SpaceId, KeyName, 1, _sealed);
            }
        });
}
