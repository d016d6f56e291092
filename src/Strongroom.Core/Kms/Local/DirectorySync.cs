using System.Runtime.InteropServices;
using System.Text;

namespace Strongroom.Core.Kms.Local;

/// <summary>
/// fsync of a directory, so that a rename into it survives a power loss. .NET has no managed API
/// for it; on Linux and macOS it is open(O_RDONLY) + fsync + close. Elsewhere it is a no-op.
/// </summary>
internal static class DirectorySync
{
    private const int ORdOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(directory + "\0");
        var fd = Open(path, ORdOnly);
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

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
