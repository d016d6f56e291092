namespace Strongroom.Cli.Tests;

public sealed class RepoCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ReposCreate_OrgModel_InfoShowsItAndTokenCanBeGranted()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org)).ExitCode);

        var created = await admin.RunAsync("repos", "create", org + "/bert");
        var info = await admin.RunAsync("repos", "info", org + "/bert", "--json");
        var token = await admin.RunAsync("tokens", "create", "--name", "laptop", "--scope", $"model:{org}/bert=repo.content.read");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"Created public model {org}/bert: {server.Url}/{org}/bert", created.Stdout.Trim());
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal($"{org}/bert", info.Json().GetProperty("id").GetString());
        Assert.False(info.Json().GetProperty("private").GetBoolean());
        Assert.True(token.ExitCode == 0, token.ToString());
    }

    [Fact]
    public async Task ReposCreate_OrgOptionPrivateDatasetJson_ReturnsUrlAndIsPrivate()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        await admin.RunAsync("orgs", "create", org);

        var created = await admin.RunAsync("repos", "create", "corpus", "--org", org, "--type", "dataset", "--private", "--json");
        var info = await admin.RunAsync("repos", "info", org + "/corpus", "--type", "dataset");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"{server.Url}/datasets/{org}/corpus", created.Json().GetProperty("url").GetString());
        Assert.Matches("(?m)^dataset .+/corpus$", info.Stdout);
        Assert.Matches("(?m)^visibility: private$", info.Stdout);
    }

    [Fact]
    public async Task ReposCreate_SdkWithoutType_CreatesSpaceThatTakesSecrets()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        await admin.RunAsync("orgs", "create", org);

        var created = await admin.RunAsync("repos", "create", org + "/demo", "--sdk", "gradio");
        var secret = await admin.RunAsync(["secrets", "set", "--space", org + "/demo", "API_KEY", "--value-stdin"], "s3cret\n");
        var info = await admin.RunAsync("repos", "info", org + "/demo", "--type", "space");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.StartsWith($"Created public Space {org}/demo: {server.Url}/spaces/{org}/demo", created.Stdout, StringComparison.Ordinal);
        Assert.True(secret.ExitCode == 0, secret.ToString());
        Assert.Matches("(?m)^sdk: +gradio$", info.Stdout);
    }

    [Fact]
    public async Task ReposCreate_SpaceWithoutSdk_ExitsTwoBeforeSending()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("repos", "create", "admin/nosdk", "--type", "space");
        var list = await admin.RunAsync("repos", "list", "--type", "space", "--author", "admin", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--sdk", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("nosdk", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposCreate_Twice_ExitsOneWithRepoExists()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var name = ServerFixture.UniqueName("twice");
        await admin.RunAsync("repos", "create", name);

        var again = await admin.RunAsync("repos", "create", "admin/" + name.ToUpperInvariant());

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("repo_exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposCreate_NamespaceContradictsOrg_ExitsTwo()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("repos", "create", "acme/bert", "--org", "other");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--org", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposList_AuthorFilter_ShowsOnlyThatNamespaceIncludingPrivate()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        await admin.RunAsync("orgs", "create", org);
        await admin.RunAsync("repos", "create", org + "/open");
        await admin.RunAsync("repos", "create", org + "/closed", "--private");

        var text = await admin.RunAsync("repos", "list", "--author", org);
        var json = await admin.RunAsync("repos", "list", "--author", org, "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches($"(?m)^{org}/closed +private +", text.Stdout);
        Assert.Matches($"(?m)^{org}/open +public +", text.Stdout);
        Assert.Equal([$"{org}/closed", $"{org}/open"], json.Json().EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList());
    }

    [Fact]
    public async Task ReposList_OtherUsersPrivateRepo_IsNotListed()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        await admin.RunAsync("orgs", "create", org);
        await admin.RunAsync("repos", "create", org + "/hidden", "--private");
        var username = ServerFixture.UniqueName("outsider");
        var password = await admin.CreateUserAsync(username);
        using var outsider = new CliHarness(server);
        await outsider.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");

        var list = await outsider.RunAsync("repos", "list", "--author", org, "--json");
        var info = await outsider.RunAsync("repos", "info", org + "/hidden");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Empty(list.Json().EnumerateArray());
        Assert.Equal(1, info.ExitCode);
    }

    [Fact]
    public async Task ReposSettings_Private_InfoShowsPrivate()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var name = "admin/" + ServerFixture.UniqueName("vis");
        await admin.RunAsync("repos", "create", name);

        var changed = await admin.RunAsync("repos", "settings", name, "--private");
        var info = await admin.RunAsync("repos", "info", name, "--json");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal($"Updated model {name}: now private.", changed.Stdout.Trim());
        Assert.True(info.Json().GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task ReposSettings_WorkloadCanWriteOnModel_ExitsOneInvalidSetting()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var name = "admin/" + ServerFixture.UniqueName("wl");
        await admin.RunAsync("repos", "create", name);

        var result = await admin.RunAsync("repos", "settings", name, "--workload-can-write", "true");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid_setting", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposSettings_NothingToChange_ExitsTwo()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("repos", "settings", "admin/anything");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Nothing to change", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposDelete_Existing_InfoThenNotFound()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var name = "admin/" + ServerFixture.UniqueName("gone");
        await admin.RunAsync("repos", "create", name, "--type", "dataset");

        var deleted = await admin.RunAsync("repos", "delete", name, "--type", "dataset", "--json");
        var info = await admin.RunAsync("repos", "info", name, "--type", "dataset");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.True(deleted.Json().GetProperty("deleted").GetBoolean());
        Assert.Equal(1, info.ExitCode);
    }

    [Fact]
    public async Task ReposInfo_NoNamespace_ExitsTwoAskingForIt()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("repos", "info", "bert");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NAMESPACE/NAME", result.Stderr, StringComparison.Ordinal);
    }
}
