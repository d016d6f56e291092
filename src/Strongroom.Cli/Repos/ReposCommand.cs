using System.CommandLine;

namespace Strongroom.Cli.Repos;

/// <summary>
/// <c>strongroom repos create|list|info|settings|delete</c>: models, datasets and Spaces over the
/// hub's own repository API (the one <c>huggingface_hub</c> and the JS client call), with the signed-in session.
/// </summary>
internal static class ReposCommand
{
    public static Command Create(CliContext context) => new("repos", "Manage models, datasets and Spaces (needs 'strongroom login')")
    {
        CreateRepoCommand.Create(context),
        ListReposCommand.Create(context),
        RepoInfoCommand.Create(context),
        RepoSettingsCommand.Create(context),
        DeleteRepoCommand.Create(context),
    };
}
