namespace Strongroom.Cli.Tests;

public sealed class AdminAndOrgCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AdminUsersCreate_NoPassword_PrintsGeneratedPasswordOnceThatSignsIn()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("gen");

        var result = await admin.RunAsync("admin", "users", "create", "--username", username, "--email", username + "@example.com", "--fullname", "Gen Erated");

        Assert.True(result.ExitCode == 0, result.ToString());
        var password = result.Stdout.Trim();
        Assert.Matches("^[a-zA-Z2-9]{24}$", password);
        Assert.DoesNotContain(password, result.Stderr, StringComparison.Ordinal);
        using var user = new CliHarness(server);
        var login = await user.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    [Fact]
    public async Task AdminUsersCreate_PasswordStdinJson_ReturnsUserWithoutPassword()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("piped");
        const string password = "correct-horse-battery-staple";

        var result = await admin.RunAsync(["admin", "users", "create", "--username", username, "--email", username + "@example.com", "--admin", "--password-stdin", "--json"], password + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal(username, json.GetProperty("username").GetString());
        Assert.True(json.GetProperty("isAdmin").GetBoolean());
        Assert.False(json.TryGetProperty("generatedPassword", out _));
        Assert.DoesNotContain(password, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminUsersCreate_NotHubAdmin_ExitsOneWithServerCode()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("plain");
        var password = await admin.CreateUserAsync(username);
        using var plain = new CliHarness(server);
        await plain.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");

        var result = await plain.RunAsync("admin", "users", "create", "--username", ServerFixture.UniqueName("x"), "--email", "x@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("admin_session_required", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task OrgsMembersSet_NewMember_IsInvitedAndJoinsOnAccepting_ListShowsRoleAndRemoveDropsIt()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        var member = ServerFixture.UniqueName("member");
        var password = await admin.CreateUserAsync(member);
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org, "--fullname", "An Org")).ExitCode);
        using var invitee = new CliHarness(server);
        Assert.Equal(0, (await invitee.RunAsync(["login", "--username", member, "--password-stdin"], password + "\n")).ExitCode);

        var set = await admin.RunAsync("orgs", "members", "set", org, member, "--role", "contributor", "--json");
        var setText = await admin.RunAsync("orgs", "members", "set", org, member, "--role", "contributor");
        var beforeAccepting = await admin.RunAsync("orgs", "members", "list", org);
        var pending = await invitee.RunAsync("orgs", "invitations", "list");
        var accepted = await invitee.RunAsync("orgs", "invitations", "accept", org);
        var listed = await admin.RunAsync("orgs", "members", "list", org);
        var removed = await admin.RunAsync("orgs", "members", "remove", org, member);
        var after = await admin.RunAsync("orgs", "members", "list", org, "--json");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("contributor", set.Json().GetProperty("role").GetString());
        Assert.Equal("invited", set.Json().GetProperty("status").GetString());
        Assert.Contains($"orgs invitations accept {org}", setText.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(member, beforeAccepting.Stdout, StringComparison.Ordinal);
        Assert.Matches($"(?m)^{org}\\s+contributor\\s", pending.Stdout);
        Assert.True(accepted.ExitCode == 0 && accepted.Stdout.Contains("contributor", StringComparison.Ordinal), accepted.ToString());
        Assert.Matches($"(?m)^{member}\\s+contributor$", listed.Stdout);
        Assert.True(removed.ExitCode == 0, removed.ToString());
        var remaining = after.Json().EnumerateArray().Select(m => m.GetProperty("user").GetString()).ToList();
        Assert.Equal(["admin"], remaining);
    }

    [Fact]
    public async Task OrgsMembersRemove_LastAdmin_ExitsOneWithLastAdminCode()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("solo");
        await admin.RunAsync("orgs", "create", org);

        var result = await admin.RunAsync("orgs", "members", "remove", org, "admin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("last_admin", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrgsPolicy_OneFlagAtATime_KeepsTheOtherSetting()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("policy");
        await admin.RunAsync("orgs", "create", org);

        var first = await admin.RunAsync("orgs", "policy", org, "--require-fine-grained", "true", "--json");
        var second = await admin.RunAsync("orgs", "policy", org, "--max-lifetime-days", "30", "--json");
        var shown = await admin.RunAsync("orgs", "policy", org);
        var cleared = await admin.RunAsync("orgs", "policy", org, "--max-lifetime-days", "none", "--json");

        Assert.True(first.Json().GetProperty("requireFineGrained").GetBoolean());
        Assert.True(second.Json().GetProperty("requireFineGrained").GetBoolean());
        Assert.Equal(30, second.Json().GetProperty("maxLifetimeDays").GetInt32());
        Assert.Matches("(?m)^max-lifetime-days\\s+30$", shown.Stdout);
        Assert.Matches("(?m)^require-fine-grained\\s+true$", shown.Stdout);
        // Absent fields are omitted, as the hub does; a client reads absent and null alike.
        Assert.True(!cleared.Json().TryGetProperty("maxLifetimeDays", out var days) || days.ValueKind == System.Text.Json.JsonValueKind.Null, cleared.Stdout);
    }

    [Fact]
    public async Task OrgsPolicy_OutOfRangeLifetime_ExitsOneWithServerCode()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("range");
        await admin.RunAsync("orgs", "create", org);

        var result = await admin.RunAsync("orgs", "policy", org, "--max-lifetime-days", "99999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid_policy", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrgsMembersList_UnknownOrg_ExitsOneWithNotFound()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("orgs", "members", "list", ServerFixture.UniqueName("ghost"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not_found", result.Stderr, StringComparison.Ordinal);
    }
}
