using Strongroom.Cli.Client;

namespace Strongroom.Cli.Tests;

// File modes are what these tests check; the CLI itself runs on Windows too, without them.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SessionStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "strongroom-store-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Save_NewNestedDirectory_Creates0700DirectoryAnd0600File()
    {
        var store = new SessionStore(Path.Combine(_root, "a", "strongroom"));

        store.Save(Session());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        Assert.Equal([store.FilePath], Directory.GetFiles(store.Directory));
    }

    [Fact]
    public void Save_OverExposedFile_ReplacesItWith0600()
    {
        var store = new SessionStore(_root);
        Directory.CreateDirectory(_root);
        File.WriteAllText(store.FilePath, "{}");
        File.SetUnixFileMode(store.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.True(store.IsExposed());

        store.Save(Session());

        Assert.False(store.IsExposed());
        Assert.Equal("cookie-value", store.Load()!.Cookie);
    }

    [Fact]
    public void Load_DamagedFile_ThrowsCliException()
    {
        var store = new SessionStore(_root);
        Directory.CreateDirectory(_root);
        File.WriteAllText(store.FilePath, "{ not json");

        Assert.Throws<CliException>(store.Load);
    }

    [Fact]
    public void Load_NoFile_ReturnsNull()
    {
        Assert.Null(new SessionStore(Path.Combine(_root, "missing")).Load());
    }

    [Theory]
    [InlineData("/x/explicit", "/x/xdg", "/x/home", "/x/explicit")]
    [InlineData(null, "/x/xdg", "/x/home", "/x/xdg/strongroom")]
    [InlineData(null, "relative/xdg", "/x/home", "/x/home/.config/strongroom")]
    [InlineData(null, null, "/x/home", "/x/home/.config/strongroom")]
    public void FromEnvironment_Variables_PicksDirectoryInPrecedenceOrder(string? explicitDirectory, string? xdg, string? home, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["STRONGROOM_CONFIG_DIR"] = explicitDirectory,
            ["XDG_CONFIG_HOME"] = xdg,
            ["HOME"] = home,
        };

        var store = SessionStore.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal(expected, store.Directory);
    }

    private static SavedSession Session() => new("http://127.0.0.1:7800", "admin", "cookie-value", "csrf-value", DateTimeOffset.UnixEpoch);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
