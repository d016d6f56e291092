using System.CommandLine;

namespace Strongroom.Cli;

/// <summary>Every top-level verb of the <c>strongroom</c> command, in the order help lists them.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return Serve.ServeCommand.Create(context);
        yield return Login.LoginCommand.Create(context);
        yield return Login.LogoutCommand.Create(context);
        yield return Login.PasswordCommand.Create(context);
        yield return Tokens.TokensCommand.Create(context);
        yield return Orgs.OrgsCommand.Create(context);
        yield return Repos.ReposCommand.Create(context);
        yield return Leaks.LeaksCommand.Create(context);
        yield return Spaces.SpaceConfigCommand.Secrets(context);
        yield return Spaces.SpaceConfigCommand.Variables(context);
        yield return Admin.AdminCommand.Create(context);
        yield return Runner.RunnerCommand.Create(context);
        yield return Kms.KmsCommand.Create(context);
        yield return Audit.AuditCommand.Create(context);
        yield return new Command("version", "Print the version.") { Action = new VersionAction() };
        yield return Strongroom.Scan.ScanCommand.Create();
    }
}
