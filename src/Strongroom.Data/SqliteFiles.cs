namespace Strongroom.Data;

/// <summary>
/// The SQLite database holds password hashes, token hashes and sealed secrets: readable by its owner only.
/// SQLite gives its -wal and -shm files the mode of the database file, so creating that file 0600 before
/// SQLite opens it covers all three; files an older version left 0644 are narrowed at start.
/// </summary>
public static class SqliteFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void MakePrivate(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(databasePath))
        {
            using var created = new FileStream(databasePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }

        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            if (File.Exists(path) && File.GetUnixFileMode(path) != OwnerOnly)
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }
        }
    }
}
