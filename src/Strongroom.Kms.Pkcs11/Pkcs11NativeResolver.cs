using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// Pkcs11Interop loads modules with <c>dlopen</c> from a library it names <c>libdl</c>. Debian 12
/// ships only <c>libdl.so.2</c> (no <c>libdl.so</c> without the -dev package), so map the name.
/// </summary>
internal static class Pkcs11NativeResolver
{
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host installed its own resolver for Pkcs11Interop; leave it in charge.
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName == "libdl" && OperatingSystem.IsLinux())
        {
            if (NativeLibrary.TryLoad("libdl.so.2", out var handle) || NativeLibrary.TryLoad("libc.so.6", out handle))
            {
                return handle;
            }
        }

        // Zero falls back to the default probing.
        return IntPtr.Zero;
    }
}
