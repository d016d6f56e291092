using Strongroom.Cli;

return await StrongroomCli.RunAsync(args, CliContext.FromConsole()).ConfigureAwait(false);
