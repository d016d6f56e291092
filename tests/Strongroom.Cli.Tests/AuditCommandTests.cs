namespace Strongroom.Cli.Tests;

/// <summary><c>strongroom audit verify|export|public-key</c> against a real server, and offline against an export.</summary>
public sealed class AuditCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AuditVerify_AsAdmin_PrintsTheFixedShapeAndExitsZero()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("audit", "verify", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.True(json.GetProperty("events").GetInt64() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("firstBad").ValueKind);
    }

    [Fact]
    public async Task AuditVerifyLocal_OpensTheDatabaseAndKmsItself_AsTheServerDoes()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var throughServer = (await admin.RunAsync("audit", "verify", "--json")).Json();
        using var operator_ = new CliHarness(server); // signed in nowhere: --local needs no server

        var result = await operator_.RunAsync("audit", "verify", "--local", "--data", server.DataDirectory, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json().GetProperty("ok").GetBoolean());
        Assert.True(result.Json().GetProperty("events").GetInt64() >= throughServer.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task AuditVerifyLocal_WhereThereIsNoDatabase_SaysSoAndCreatesNone()
    {
        using var operator_ = new CliHarness(server);
        var empty = Path.Combine(operator_.ConfigDirectory, "no-data");
        Directory.CreateDirectory(empty);

        var result = await operator_.RunAsync("audit", "verify", "--local", "--data", empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("There is no database in", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty, "strongroom.db")));
        Assert.False(Directory.Exists(Path.Combine(empty, "kms")));
    }

    [Fact]
    public async Task AuditExport_VerifiedOfflineWithPublicKey_OkUntilOneByteChanges()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var export = Path.Combine(admin.ConfigDirectory, "audit.jsonl");
        var key = Path.Combine(admin.ConfigDirectory, "audit-key.pem");
        var exported = await admin.RunAsync("audit", "export", "--output", export);
        var pem = await admin.RunAsync("audit", "public-key");
        await File.WriteAllTextAsync(key, pem.Stdout);
        using var auditor = new CliHarness(server); // signed in nowhere: the offline check needs no server

        var good = await auditor.RunAsync("audit", "verify", "--export", export, "--public-key", key, "--json");
        var bytes = await File.ReadAllBytesAsync(export);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(export, bytes);
        var bad = await auditor.RunAsync("audit", "verify", "--export", export, "--public-key", key);

        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem.Stdout, StringComparison.Ordinal);
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.True(good.Json().GetProperty("checkpoints").GetInt64() >= 1);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("NOT OK: event ", bad.Stdout, StringComparison.Ordinal);
    }
}
