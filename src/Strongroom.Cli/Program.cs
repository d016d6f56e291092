using System.CommandLine;
using Strongroom.Cli;

var root = new RootCommand("Strongroom: tokens, secrets, leak scanning and audit for an ML hub.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

var parseResult = root.Parse(args);
var exitCode = await parseResult.InvokeAsync().ConfigureAwait(false);

// A usage error exits 2, as any other error: `scan` reserves 1 for "secrets found".
return parseResult.Errors.Count > 0 ? 2 : exitCode;
