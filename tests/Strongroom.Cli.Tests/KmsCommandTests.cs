namespace Strongroom.Cli.Tests;

/// <summary><c>strongroom kms status|rotate|retire</c> against a real server (its own, since rotation changes it for everyone).</summary>
public sealed class KmsCommandTests(NoRetireGraceServerFixture server) : IClassFixture<NoRetireGraceServerFixture>
{
    [Fact]
    public async Task KmsRotateThenRetire_AsAdmin_StatusShowsTheNewPrimaryAndTheRetiredVersion()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var before = (await admin.RunAsync("kms", "status", "--json")).Json().GetProperty("primaryVersion").GetInt32();

        var rotate = await admin.RunAsync("kms", "rotate");
        var retirePrimary = await admin.RunAsync("kms", "retire", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var retire = await admin.RunAsync("kms", "retire", before.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        var status = await admin.RunAsync("kms", "status");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Contains($"Version {before + 1} is now primary (was {before})", rotate.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, retirePrimary.ExitCode);
        Assert.Contains("kms_version_primary", retirePrimary.Stderr, StringComparison.Ordinal);
        Assert.True(retire.ExitCode == 0, retire.ToString());
        Assert.Equal("retired", retire.Json().GetProperty("state").GetString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"primary version {before + 1}", status.Stdout, StringComparison.Ordinal);
        Assert.Matches($"(?m)^{before}\\s+retired\\s+0\\s", status.Stdout);
        Assert.Matches($"(?m)^{before + 1}\\s+primary\\s+0\\s", status.Stdout);
        Assert.Contains("Rewrap: 0 pending", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KmsRetire_UnknownVersion_ExitsOneWithServerCode()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("kms", "retire", "9999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kms_version_not_found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KmsStatus_NotHubAdmin_ExitsOneWithServerCode()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("plain");
        var password = await admin.CreateUserAsync(username);
        using var plain = new CliHarness(server);
        await plain.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");

        var status = await plain.RunAsync("kms", "status");
        var rotate = await plain.RunAsync("kms", "rotate");

        Assert.Equal(1, status.ExitCode);
        Assert.Contains("admin_session_required", status.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, rotate.ExitCode);
        Assert.Equal("", rotate.Stdout);
    }
}

/// <summary>A server that lets a version be retired right after a rotation (the default waits a minute).</summary>
public sealed class NoRetireGraceServerFixture : ServerFixture
{
    protected override string[] ExtraArguments => ["--Kms:RetireGracePeriod", "00:00:00"];
}
