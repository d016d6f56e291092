using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// One loaded PKCS#11 module, shared by every provider instance in the process that names the same
/// path: C_Initialize and C_Finalize are per process, so two independent loads would finalize each
/// other. Reference-counted; the last release finalizes the module.
/// </summary>
internal sealed class Pkcs11Module
{
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadedGate = new();

    private int _references;

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        Path = path;
        Library = library;
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    public string Path { get; }

    public IPkcs11Library Library { get; }

    /// <summary>
    /// Serializes changes to token objects (create, modify, destroy) in this process: it keeps two
    /// nodes-in-one-process from picking the same next version, and SoftHSM2's file store fails
    /// concurrent object creation with CKR_GENERAL_ERROR or CKR_TEMPLATE_INCONSISTENT
    /// (softhsm/SoftHSMv2#573). Rotation is rare, so the cost is nil.
    /// </summary>
    public Lock ObjectMutationGate { get; } = new();

    public static Pkcs11Module Acquire(string modulePath)
    {
        Pkcs11NativeResolver.Install();
        var path = System.IO.Path.GetFullPath(modulePath);
        lock (LoadedGate)
        {
            if (!Loaded.TryGetValue(path, out var module))
            {
                IPkcs11Library library;
                try
                {
                    library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded);
                }
                catch (Exception ex) when (ex is Pkcs11Exception or UnmanagedException or DllNotFoundException)
                {
                    throw new KmsException($"Cannot load the PKCS#11 module '{path}'.", ex);
                }

                module = new Pkcs11Module(path, library);
                Loaded[path] = module;
            }

            module._references++;
            return module;
        }
    }

    public ISlot FindSlot(string tokenLabel)
    {
        foreach (var slot in Library.GetSlotList(SlotsType.WithTokenPresent))
        {
            if (string.Equals(slot.GetTokenInfo().Label?.Trim(), tokenLabel, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        throw new KmsException($"No PKCS#11 token labelled '{tokenLabel}' in module '{Path}'.");
    }

    public void Release()
    {
        lock (LoadedGate)
        {
            if (--_references > 0)
            {
                return;
            }

            Loaded.Remove(Path);
            Library.Dispose();
        }
    }
}
