namespace Strongroom.Cli.Tests;

/// <summary>The first admin's one-time password: where the sign-in says it came from, and its file going away once replaced.</summary>
public sealed class FirstStartPasswordTests(FreshServerFixture server) : IClassFixture<FreshServerFixture>
{
    [Fact]
    public async Task Login_FirstStartPasswordThenChange_SaysWhereItCameFromAndDeletesFile()
    {
        using var cli = new CliHarness(server);
        var passwordFile = server.PasswordFile!;
        Assert.True(File.Exists(passwordFile));

        var login = await cli.RunAsync(["login", "--username", "admin", "--password-stdin"], server.AdminPassword + "\n");
        var change = await cli.RunAsync(["password", "--password-stdin"], server.AdminPassword + "\nfirst-admin-own-passphrase\n");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("one-time password the server generated at its first start (initial-admin-password in its data directory)", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("'strongroom password'", login.Stderr, StringComparison.Ordinal);
        Assert.True(change.ExitCode == 0, change.ToString());
        Assert.False(File.Exists(passwordFile));
    }
}
