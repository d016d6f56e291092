namespace Strongroom.Cli.Client;

/// <summary>
/// A failure the CLI reports in one line and turns into an exit code: 2 for usage, connection and
/// local errors (the default), 1 when the server refused. The message never holds a secret.
/// </summary>
internal class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
