using System.Net;
using System.Net.Http.Json;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>Nobody is put in an org without consent: an admin invites, the invitee accepts or declines.</summary>
public abstract class InvitationTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    [Fact]
    public async Task Invite_GivesNoAccessUntilAccepted_ThenTheInvitedRole()
    {
        var (admin, org, invitee) = await OrgAndInviteeAsync();
        await Hub.CreateRepoAsync(admin, org, "weights", isPrivate: true);

        var invited = await ApiAssert.JsonAsync(await admin.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{invitee.Name}", new { role = "write" }), HttpStatusCode.Accepted);
        var before = await invitee.Session.GetAsync($"/api/models/{org}/weights");
        var pending = await ApiAssert.JsonAsync(await invitee.Session.GetAsync("/api/settings/invitations"));
        var members = await ApiAssert.JsonAsync(await admin.Session.GetAsync($"/api/organizations/{org}/members"));
        var accepted = await ApiAssert.JsonAsync(await invitee.Session.PostAsync($"/api/organizations/{org}/invitations/accept", null));
        var after = await invitee.Session.GetAsync($"/api/models/{org}/weights");

        Assert.Equal("invited", invited.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        var invitation = Assert.Single(pending.EnumerateArray());
        Assert.Equal(org, invitation.GetProperty("org").GetString());
        Assert.Equal("write", invitation.GetProperty("role").GetString());
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("user").GetString() == invitee.Name);
        Assert.Equal("write", accepted.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Empty((await ApiAssert.JsonAsync(await invitee.Session.GetAsync("/api/settings/invitations"))).EnumerateArray());
    }

    [Fact]
    public async Task Decline_OrWithdrawal_LeavesNothingToAccept()
    {
        var (admin, org, invitee) = await OrgAndInviteeAsync();
        var other = await Hub.CreateUserAsync("other");
        await admin.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{invitee.Name}", new { role = "read" });
        await admin.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{other.Name}", new { role = "read" });

        var declined = await invitee.Session.PostAsync($"/api/organizations/{org}/invitations/decline", null);
        var withdrawn = await admin.Session.DeleteAsync($"/api/organizations/{org}/members/{other.Name}");

        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.Session.PostAsync($"/api/organizations/{org}/invitations/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Session.PostAsync($"/api/organizations/{org}/invitations/accept", null)).StatusCode);
    }

    [Fact]
    public async Task Accept_WithAToken_IsRefused_AndStrangersHaveNothingToAccept()
    {
        var (admin, org, invitee) = await OrgAndInviteeAsync();
        var stranger = await Hub.CreateUserAsync("stranger");
        await admin.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{invitee.Name}", new { role = "admin" });
        var (_, token) = await Hub.CreateTokenAsync(invitee, new { displayName = "t", role = "write" });

        var withToken = await fixture.Server.NewClient(token).PostAsync($"/api/organizations/{org}/invitations/accept", null);
        var byStranger = await stranger.Session.PostAsync($"/api/organizations/{org}/invitations/accept", null);

        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invitee.Session.PostAsync($"/api/organizations/{org}/invitations/accept", null)).StatusCode);
    }

    private async Task<(TestUser Admin, string Org, TestUser Invitee)> OrgAndInviteeAsync()
    {
        var admin = await Hub.CreateUserAsync("orgadmin");
        var org = await Hub.CreateOrgAsync(admin);
        var invitee = await Hub.CreateUserAsync("invitee");
        return (admin, org, invitee);
    }
}

public sealed class InvitationSqliteTests(SqliteServerFixture fixture) : InvitationTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class InvitationPostgresTests(PostgresServerFixture fixture) : InvitationTests(fixture), IClassFixture<PostgresServerFixture>;
