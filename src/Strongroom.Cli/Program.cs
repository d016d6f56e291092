using System.CommandLine;
using Strongroom.Cli;

var root = new RootCommand("Strongroom: tokens, secrets, leak scanning and audit for an ML hub.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
