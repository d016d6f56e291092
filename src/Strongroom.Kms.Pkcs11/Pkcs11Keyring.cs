using System.Globalization;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// A snapshot of the key versions held in the token, derived from the key objects themselves:
/// version n is the AES key labelled <c>{KeyLabel}-v{n}</c>; a key whose CKA_DECRYPT is false is
/// retired; the primary version is the highest one not retired. No separate state object is kept,
/// so rotation is a single atomic object creation in the token and a crash cannot leave a primary
/// pointer naming a key that does not exist.
/// </summary>
internal sealed class Pkcs11Keyring
{
    private Pkcs11Keyring(IReadOnlyDictionary<int, Pkcs11KeyVersion> versions, int primary, int highest)
    {
        Versions = versions;
        Primary = primary;
        Highest = highest;
    }

    public IReadOnlyDictionary<int, Pkcs11KeyVersion> Versions { get; }

    /// <summary>The primary version, or 0 when the token holds no usable version yet.</summary>
    public int Primary { get; }

    /// <summary>The highest version present, retired or not.</summary>
    public int Highest { get; }

    public static string VersionLabel(string keyLabel, int version) =>
        keyLabel + "-v" + version.ToString(CultureInfo.InvariantCulture);

    public static Pkcs11Keyring Scan(ISession session, string keyLabel)
    {
        var factory = Pkcs11Module.Factories.ObjectAttributeFactory;
        var template = new List<IObjectAttribute>
        {
            factory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
        };
        var prefix = keyLabel + "-v";
        var handles = new Dictionary<int, List<IObjectHandle>>();
        var retired = new HashSet<int>();
        foreach (var handle in session.FindAllObjects(template))
        {
            List<IObjectAttribute> attributes;
            try
            {
                attributes = session.GetAttributeValue(handle, [CKA.CKA_LABEL, CKA.CKA_DECRYPT]);
            }
            catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_OBJECT_HANDLE_INVALID)
            {
                // Destroyed by someone else between the search and this read: not one of ours.
                continue;
            }

            var label = attributes[0].GetValueAsString();
            if (label is null || !label.StartsWith(prefix, StringComparison.Ordinal)
                || !int.TryParse(label.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                || version < 1)
            {
                continue;
            }

            if (!handles.TryGetValue(version, out var list))
            {
                handles[version] = list = [];
            }

            list.Add(handle);
            if (!attributes[1].GetValueAsBool())
            {
                retired.Add(version);
            }
        }

        var versions = new Dictionary<int, Pkcs11KeyVersion>();
        int primary = 0, highest = 0;
        foreach (var (version, list) in handles)
        {
            var isRetired = retired.Contains(version);
            versions[version] = new Pkcs11KeyVersion(version, list, isRetired);
            highest = Math.Max(highest, version);
            if (!isRetired)
            {
                primary = Math.Max(primary, version);
            }
        }

        return new Pkcs11Keyring(versions, primary, highest);
    }
}
