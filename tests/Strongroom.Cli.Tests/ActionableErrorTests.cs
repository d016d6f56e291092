namespace Strongroom.Cli.Tests;

/// <summary>Errors a newcomer meets in the first hour say what is wrong and what to do next.</summary>
public sealed class ActionableErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task TokensCreate_GrantOnMissingModel_SaysItDoesNotExistAndHowToCreateIt()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync("tokens", "create", "--name", "laptop", "--scope", "model:acme-missing/bert=repo.content.read");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The model acme-missing/bert does not exist or is not visible to you; create it with 'strongroom repos create acme-missing/bert'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensCreate_GrantOnOthersPrivateModel_SameWordsAsMissing()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        await admin.RunAsync("orgs", "create", org);
        await admin.RunAsync("repos", "create", org + "/secret-model", "--private");
        var username = ServerFixture.UniqueName("outsider");
        var password = await admin.CreateUserAsync(username);
        using var outsider = new CliHarness(server);
        await outsider.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");

        var hidden = await outsider.RunAsync("tokens", "create", "--name", "t", "--scope", $"model:{org}/secret-model=repo.content.read");
        var missing = await outsider.RunAsync("tokens", "create", "--name", "t", "--scope", $"model:{org}/no-model=repo.content.read");

        Assert.Equal(1, hidden.ExitCode);
        Assert.Equal(missing.Stderr.Replace("no-model", "secret-model", StringComparison.Ordinal), hidden.Stderr);
    }

    [Fact]
    public async Task SecretsSet_MissingSpace_SaysItDoesNotExistAndHowToCreateIt()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();

        var result = await admin.RunAsync(["secrets", "set", "--space", "acme-missing/demo", "API_KEY", "--value-stdin"], "value\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The Space acme-missing/demo does not exist or is not visible to you; create it with 'strongroom repos create acme-missing/demo --sdk gradio'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Throttled_SaysWhenToRetry()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("throttled");
        await admin.CreateUserAsync(username);
        using var cli = new CliHarness(server);

        CliResult result;
        var attempts = 0;
        do
        {
            result = await cli.RunAsync(["login", "--username", username, "--password-stdin"], "wrong-password\n");
        }
        while (!result.Stderr.Contains("too_many_attempts", StringComparison.Ordinal) && ++attempts < 20);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"Too many failed sign-ins from here\. Try again in (under a minute|1 minute|\d+ minutes)\.", result.Stderr);
    }

    [Fact]
    public async Task Password_OnTerminal_StatesLengthRuleBeforeAsking()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("pw");
        var password = await admin.CreateUserAsync(username);
        using var user = new CliHarness(server);
        await user.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");
        var stderr = new StringWriter();
        string? shownBeforeFirstPrompt = null;
        var context = new CliContext
        {
            Out = new StringWriter(),
            Error = stderr,
            In = new StringReader(""),
            GetEnvironmentVariable = name => name switch
            {
                "STRONGROOM_CONFIG_DIR" => user.ConfigDirectory,
                "STRONGROOM_SERVER" => server.Url,
                _ => null,
            },
            Prompt = (prompt, _) =>
            {
                shownBeforeFirstPrompt ??= stderr.ToString();
                return prompt == "Current password: " ? password : "short";
            },
        };

        var exitCode = await StrongroomCli.RunAsync(["password"], context);

        Assert.Equal("A new password needs 12 to 1024 characters.\n", shownBeforeFirstPrompt);
        Assert.Equal(2, exitCode);
        Assert.Contains("it needs at least 12. Nothing was changed.", stderr.ToString(), StringComparison.Ordinal);
    }
}
