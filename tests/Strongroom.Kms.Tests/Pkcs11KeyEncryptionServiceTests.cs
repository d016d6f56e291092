using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;
using Strongroom.Core.Kms;
using Strongroom.Kms.Pkcs11;

namespace Strongroom.Kms.Tests;

/// <summary>What only the PKCS#11 provider has: the keys stay in the token.</summary>
public sealed class Pkcs11KeyEncryptionServiceTests
{
    private static IObjectAttributeFactory Attributes => Pkcs11Module.Factories.ObjectAttributeFactory;

    [Pkcs11Fact]
    public void Kek_InToken_IsSensitiveAndNeverExtractable()
    {
        using var context = new KmsTestContext(KmsTestContext.Pkcs11);

        var flags = context.WithTokenSession(session =>
        {
            var kek = FindKek(session, context.KeyLabel + "-v1");
            return session.GetAttributeValue(kek, [CKA.CKA_TOKEN, CKA.CKA_SENSITIVE, CKA.CKA_ALWAYS_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_NEVER_EXTRACTABLE])
                .Select(a => a.GetValueAsBool()).ToArray();
        });

        Assert.Equal([true, true, true, false, true], flags);
    }

    [Pkcs11Fact]
    public void Kek_ReadValue_IsRefusedByTheToken()
    {
        using var context = new KmsTestContext(KmsTestContext.Pkcs11);

        var value = context.WithTokenSession(session =>
            session.GetAttributeValue(FindKek(session, context.KeyLabel + "-v1"), [CKA.CKA_VALUE])[0]);

        // C_GetAttributeValue answered CKR_ATTRIBUTE_SENSITIVE for CKA_VALUE: no bytes came back.
        Assert.True(value.CannotBeRead);
        Assert.Throws<AttributeValueException>(value.GetValueAsByteArray);
    }

    [Pkcs11Fact]
    public void Kek_WrapOutUnderAnotherKey_IsRefusedByTheToken()
    {
        using var context = new KmsTestContext(KmsTestContext.Pkcs11);

        var error = context.WithTokenSession(session =>
        {
            var kek = FindKek(session, context.KeyLabel + "-v1");
            using var generate = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN);
            var wrappingKey = session.GenerateKey(generate,
            [
                Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
                Attributes.Create(CKA.CKA_VALUE_LEN, (ulong)32),
                Attributes.Create(CKA.CKA_TOKEN, false),
                Attributes.Create(CKA.CKA_WRAP, true),
            ]);
            using var wrap = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP_PAD);
            return Assert.Throws<Pkcs11Exception>(() => session.WrapKey(wrap, wrappingKey, kek));
        });

        Assert.Equal(CKR.CKR_KEY_UNEXTRACTABLE, error.RV);
    }

    [Pkcs11Fact]
    public void Kek_MakeExtractable_IsRefusedByTheToken()
    {
        using var context = new KmsTestContext(KmsTestContext.Pkcs11);

        var error = context.WithTokenSession(session =>
        {
            var kek = FindKek(session, context.KeyLabel + "-v1");
            return Assert.Throws<Pkcs11Exception>(() => session.SetAttributeValue(kek, [Attributes.Create(CKA.CKA_EXTRACTABLE, true)]));
        });

        Assert.Equal(CKR.CKR_ATTRIBUTE_READ_ONLY, error.RV);
    }

    [Pkcs11Fact]
    public void Retire_Version_DisablesDecryptInTheToken()
    {
        using var context = new KmsTestContext(KmsTestContext.Pkcs11);
        context.Kms.Rotate();

        context.Kms.Retire(1);

        var flags = context.WithTokenSession(session =>
            session.GetAttributeValue(FindKek(session, context.KeyLabel + "-v1"), [CKA.CKA_ENCRYPT, CKA.CKA_DECRYPT])
                .Select(a => a.GetValueAsBool()).ToArray());
        Assert.Equal([false, false], flags);
    }

    [Pkcs11Fact]
    public void UnwrapKey_TwoObjectsWithOneVersionLabel_TriesEach()
    {
        using var context = new KmsTestContext(KmsTestContext.Pkcs11);
        var dataKey = new byte[32];
        dataKey[5] = 42;
        var wrapped = context.Kms.WrapKey(dataKey);
        // What two nodes rotating at the same instant leave: a second key labelled -v1.
        context.WithTokenSession(session => new Pkcs11TokenOperations(context.KeyLabel!).GenerateKek(session, 1));

        var reopened = context.Reopen();
        var unwrapped = new byte[32];
        reopened.UnwrapKey(1, wrapped.Wrapped, unwrapped);
        var rewrapped = reopened.WrapKey(dataKey);
        var again = new byte[32];
        context.Reopen().UnwrapKey(rewrapped.KeyVersion, rewrapped.Wrapped, again);

        Assert.Equal(dataKey, unwrapped);
        Assert.Equal(dataKey, again);
    }

    [Pkcs11Fact]
    public void Constructor_UnknownToken_ThrowsKmsException()
    {
        var options = Pkcs11TestEnvironment.Options(Pkcs11TestEnvironment.UniqueKeyLabel());
        options.TokenLabel = "no-such-token";

        var error = Assert.Throws<KmsException>(() => new Pkcs11KeyEncryptionService(options));

        Assert.Contains("no-such-token", error.Message);
    }

    private static IObjectHandle FindKek(ISession session, string label) =>
        Assert.Single(session.FindAllObjects(
        [
            Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            Attributes.Create(CKA.CKA_LABEL, label),
        ]));
}
