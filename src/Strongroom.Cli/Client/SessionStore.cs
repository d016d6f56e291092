using System.Security.Cryptography;
using System.Text.Json;

namespace Strongroom.Cli.Client;

/// <summary>
/// The session file, <c>session.json</c> in the config directory: <c>$STRONGROOM_CONFIG_DIR</c>, else
/// <c>$XDG_CONFIG_HOME/strongroom</c>, else <c>~/.config/strongroom</c>. The directory is 0700 and the
/// file is created 0600 from the start and replaced atomically, so its secrets are never readable by others.
/// </summary>
internal sealed class SessionStore(string directory)
{
    public const string FileName = "session.json";

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Directory { get; } = directory;

    public string FilePath => Path.Combine(Directory, FileName);

    public static SessionStore FromEnvironment(Func<string, string?> environment)
    {
        if (environment("STRONGROOM_CONFIG_DIR") is { Length: > 0 } explicitDirectory)
        {
            return new SessionStore(Path.GetFullPath(explicitDirectory));
        }

        // The XDG spec says a relative value is invalid and must be ignored.
        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new SessionStore(Path.Combine(configHome, "strongroom"));
    }

    /// <summary>The saved session, or null when there is none.</summary>
    /// <exception cref="CliException">The file exists but cannot be read as a session.</exception>
    public SavedSession? Load()
    {
        string json;
        try
        {
            json = File.ReadAllText(FilePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var session = JsonSerializer.Deserialize<SavedSession>(json, JsonWire.Options);
            if (session is null || string.IsNullOrEmpty(session.Server) || string.IsNullOrEmpty(session.Cookie) || string.IsNullOrEmpty(session.CsrfToken))
            {
                throw new JsonException("missing fields");
            }

            return session;
        }
        catch (JsonException)
        {
            throw new CliException($"The session file {FilePath} is damaged; run 'strongroom login' again.");
        }
    }

    /// <summary>Whether others than the owner may read or change the file (then it should be replaced).</summary>
    public bool IsExposed() =>
        !OperatingSystem.IsWindows() && File.Exists(FilePath) && (File.GetUnixFileMode(FilePath) & GroupOrOther) != 0;

    public void Save(SavedSession session)
    {
        CreatePrivateDirectory();
        var temporary = Path.Combine(Directory, $".{FileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, session, JsonWire.Options);
                stream.Flush(flushToDisk: true);
            }

            // A rename replaces the old file whatever its mode was, and a reader never sees half a file.
            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Removes the session file; false when there was none.</summary>
    public bool Delete()
    {
        if (!File.Exists(FilePath))
        {
            return false;
        }

        File.Delete(FilePath);
        return true;
    }

    private void CreatePrivateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory, DirectoryMode);
        // An existing directory keeps its mode through CreateDirectory; this one is ours, so tighten it.
        if ((File.GetUnixFileMode(Directory) & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(Directory, DirectoryMode);
        }
    }
}
