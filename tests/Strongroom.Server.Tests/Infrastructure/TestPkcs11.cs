namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// The SoftHSM2 token that test.sh prepares (scripts/test-services.d/softhsm.sh). Every test server
/// gets a key label of its own, so rotations in one server never touch another's keys.
/// </summary>
public static class TestPkcs11
{
    public static IDictionary<string, string> Settings()
    {
        var module = Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_MODULE");
        if (string.IsNullOrEmpty(module))
        {
            throw new InvalidOperationException(
                "STRONGROOM_TEST_PKCS11_MODULE is not set: run the tests with ./test.sh, which starts SoftHSM2.");
        }

        return new Dictionary<string, string>
        {
            ["Kms:Provider"] = "pkcs11",
            ["Kms:Pkcs11:ModulePath"] = module,
            ["Kms:Pkcs11:TokenLabel"] = Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_TOKEN") ?? "strongroom-test",
            ["Kms:Pkcs11:Pin"] = Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_PIN") ?? "1234",
            ["Kms:Pkcs11:KeyLabel"] = "server-test-" + Guid.NewGuid().ToString("N")[..16],
        };
    }
}
