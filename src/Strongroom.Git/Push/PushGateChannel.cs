using System.Runtime.InteropServices;
using System.Text;

namespace Strongroom.Git.Push;

/// <summary>
/// The two named pipes through which git's pre-receive hook (Hooks/pre-receive) asks this process for a
/// verdict: the hook writes the request into <c>request</c> and reads the answer from <c>verdict</c>. Both
/// are opened here read-write, which on Linux never blocks, so neither side waits for the other to open;
/// each message ends with a terminator line instead of end-of-file. The directory is private (0700) and
/// lives only as long as one push.
/// </summary>
public sealed partial class PushGateChannel : IDisposable
{
    private const int MaxRequestLines = 10_000;
    private readonly FileStream _request;
    private readonly FileStream _verdict;

    private PushGateChannel(string directory)
    {
        Directory = directory;
        _request = OpenFifo(Path.Combine(directory, "request"));
        _verdict = OpenFifo(Path.Combine(directory, "verdict"));
    }

    public string Directory { get; }

    /// <summary>The environment variable that tells the hook where the pipes are.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["STRONGROOM_GATE"] = Directory };

    public static PushGateChannel Create(string parent)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Push protection needs named pipes (Linux)");
        }

        System.IO.Directory.CreateDirectory(parent);
        var directory = Path.Combine(parent, "gate-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in new[] { "request", "verdict" })
        {
            if (MkFifo(Path.Combine(directory, name), 0b110_000_000) != 0)
            {
                throw new IOException($"mkfifo failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }

        return new PushGateChannel(directory);
    }

    /// <summary>The hook's request, or null when git ended without running the hook (see <see cref="Abandon"/>).</summary>
    public async Task<PushRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(_request, Encoding.UTF8, false, 4096, leaveOpen: true);
        string? quarantine = null;
        var updates = new List<RefUpdate>();
        var options = new List<string>();
        for (var lines = 0; lines < MaxRequestLines; lines++)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null or "end")
            {
                return quarantine is null ? null : new PushRequest(quarantine, updates, options);
            }

            if (line.StartsWith("quarantine ", StringComparison.Ordinal))
            {
                quarantine = line["quarantine ".Length..];
            }
            else if (line.StartsWith("option ", StringComparison.Ordinal))
            {
                options.Add(line["option ".Length..]);
            }
            else if (line.StartsWith("update ", StringComparison.Ordinal) && line.Split(' ', 4) is [_, var oldSha, var newSha, var refName])
            {
                updates.Add(new RefUpdate(oldSha, newSha, refName));
            }
        }

        throw new InvalidDataException("The push names too many refs");
    }

    /// <summary>Sends the verdict to the waiting hook.</summary>
    public async Task AnswerAsync(PushVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var text = new StringBuilder();
        foreach (var message in verdict.Messages)
        {
            foreach (var line in message.Split('\n'))
            {
                // A line that looked like the terminator would end the answer early.
                text.Append(line.StartsWith("exit ", StringComparison.Ordinal) ? " " + line : line).Append('\n');
            }
        }

        text.Append(verdict.Allowed ? "exit 0\n" : "exit 1\n");
        await _verdict.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        await _verdict.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a <see cref="ReadRequestAsync"/> still waiting once git has exited without running the hook.</summary>
    public void Abandon()
    {
        try
        {
            _request.Write("end\n"u8);
            _request.Flush();
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        _request.Dispose();
        _verdict.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static FileStream OpenFifo(string path) =>
        new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);
}
