using BenchmarkDotNet.Running;

namespace Strongroom.Kms.Benchmarks;

/// <summary>
/// Entry point. Example: <c>dotnet run -c Release --project bench/Strongroom.Kms.Benchmarks -- --filter '*'</c>
/// with the STRONGROOM_TEST_PKCS11_* variables (and SOFTHSM2_CONF) set for the pkcs11 rows.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
