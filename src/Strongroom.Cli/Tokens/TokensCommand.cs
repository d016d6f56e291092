using System.CommandLine;

namespace Strongroom.Cli.Tokens;

/// <summary><c>strongroom tokens create|list|revoke|rotate</c>: the signed-in user's access tokens.</summary>
internal static class TokensCommand
{
    public static Command Create(CliContext context) => new("tokens", "Manage your access tokens (needs 'strongroom login')")
    {
        CreateTokenCommand.Create(context),
        ListTokensCommand.Create(context),
        RevokeTokenCommand.Create(context),
        RotateTokenCommand.Create(context),
    };
}
