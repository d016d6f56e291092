using BenchmarkDotNet.Running;

namespace Strongroom.Kms.Benchmarks;

/// <summary>
/// Entry point. Example: <c>dotnet run -c Release --project bench/Strongroom.Kms.Benchmarks -- --filter '*'</c>
/// with the STRONGROOM_TEST_PKCS11_* variables (and SOFTHSM2_CONF) set for the pkcs11 rows; or
/// <c>-- rewrap-pass [count] [--postgres CONNSTRING] [--pkcs11]</c> for a timed rewrap pass (<see cref="RewrapPassMeasurement"/>).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["rewrap-pass", .. var rest])
        {
            await RewrapPassMeasurement.RunAsync(rest);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
