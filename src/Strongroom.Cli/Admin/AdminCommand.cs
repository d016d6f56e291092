using System.CommandLine;

namespace Strongroom.Cli.Admin;

/// <summary><c>strongroom admin users create</c>: hub administration (needs a hub admin's session).</summary>
internal static class AdminCommand
{
    public static Command Create(CliContext context) => new("admin", "Hub administration (needs a hub admin's 'strongroom login')")
    {
        new Command("users", "Manage user accounts") { CreateUserCommand.Create(context) },
    };
}
