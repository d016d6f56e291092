using Net.Pkcs11Interop.HighLevelAPI;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// One key version in the token. Normally one object; two nodes rotating at the same instant can
/// each create one with the same label, so unwrap tries each (AES-GCM tells which is right).
/// </summary>
/// <param name="Version">The version number.</param>
/// <param name="Handles">The token objects labelled with this version.</param>
/// <param name="Retired">Whether the key was retired (CKA_DECRYPT false).</param>
internal sealed record Pkcs11KeyVersion(int Version, IReadOnlyList<IObjectHandle> Handles, bool Retired);
