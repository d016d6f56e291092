using System.Runtime.InteropServices;
using System.Text;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Local;

/// <summary>
/// fsync of a directory, so that a rename into it survives a power loss. .NET has no managed API
/// for it; on Linux it is open(O_RDONLY) + fsync + close from glibc (named libc.so.6, because
/// "libc.so" is a linker script where libc6-dev is installed). Elsewhere it is a no-op.
/// </summary>
internal static class DirectorySync
{
    private const int ORdOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(directory + "\0");
        int fd;
        try
        {
            fd = Open(path, ORdOnly);
        }
        catch (DllNotFoundException)
        {
            // Not glibc (e.g. musl): the files themselves were fsynced; only the rename's durability is weaker.
            return;
        }

        if (fd < 0)
        {
            throw new KmsException($"Cannot open the local KMS directory for fsync (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new KmsException($"fsync of the local KMS directory failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc.so.6", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc.so.6", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc.so.6", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
