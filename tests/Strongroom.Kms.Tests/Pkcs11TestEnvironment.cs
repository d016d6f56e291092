using Strongroom.Core.Kms;

namespace Strongroom.Kms.Tests;

/// <summary>
/// The SoftHSM2 token that test.sh prepares (scripts/test-services.d/softhsm.sh). Outside CI the
/// PKCS#11 tests skip when it is absent; in CI (CI=true) they run and fail, so a broken setup
/// cannot pass silently.
/// </summary>
internal static class Pkcs11TestEnvironment
{
    public const string ModuleVariable = "STRONGROOM_TEST_PKCS11_MODULE";
    public const string TokenVariable = "STRONGROOM_TEST_PKCS11_TOKEN";
    public const string PinVariable = "STRONGROOM_TEST_PKCS11_PIN";

    public static string? Module => Environment.GetEnvironmentVariable(ModuleVariable);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PKCS#11 tests skip, or null when they must run.</summary>
    public static string? SkipReason =>
        string.IsNullOrEmpty(Module) && !IsCi
            ? $"{ModuleVariable} is not set: run ./test.sh (it starts SoftHSM2) or set {ModuleVariable}, {TokenVariable} and {PinVariable}."
            : null;

    /// <summary>Options for a provider over the test token with a key label no other test uses.</summary>
    public static KmsPkcs11Options Options(string keyLabel)
    {
        var module = Module;
        if (string.IsNullOrEmpty(module))
        {
            throw new InvalidOperationException(
                $"CI=true but {ModuleVariable} is not set: the SoftHSM2 hook of test.sh did not run.");
        }

        return new KmsPkcs11Options
        {
            ModulePath = module,
            TokenLabel = Environment.GetEnvironmentVariable(TokenVariable) ?? "strongroom-test",
            Pin = Environment.GetEnvironmentVariable(PinVariable) ?? "1234",
            KeyLabel = keyLabel,
        };
    }

    public static string UniqueKeyLabel() => "test-" + Guid.NewGuid().ToString("N")[..16];
}
