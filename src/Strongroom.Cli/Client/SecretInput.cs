namespace Strongroom.Cli.Client;

/// <summary>
/// Reads a password: from stdin when asked to (<c>--password-stdin</c>), else from the terminal without
/// echo. With neither it fails rather than block on a pipe or read a password from arguments.
/// </summary>
internal static class SecretInput
{
    public static string ReadPassword(CliContext context, bool fromStdin, string prompt = "Password: ")
    {
        string? password;
        if (fromStdin)
        {
            // One line, as `docker login --password-stdin`: the trailing newline of `echo` is not part of it.
            password = context.In.ReadLine()?.TrimEnd('\r');
        }
        else if (context.Prompt is { } ask)
        {
            password = ask(prompt, false);
        }
        else
        {
            throw new CliException("No terminal to ask for the password on: pipe it in with --password-stdin.");
        }

        return string.IsNullOrEmpty(password) ? throw new CliException("The password is empty.") : password;
    }

    /// <summary>A value given as an option, else typed at the terminal (with echo).</summary>
    public static string ReadValue(CliContext context, string? given, string prompt, string optionName)
    {
        if (given is { Length: > 0 })
        {
            return given;
        }

        if (context.Prompt is not { } ask)
        {
            throw new CliException($"{optionName} is required when there is no terminal to ask on.");
        }

        var typed = ask(prompt, true)?.Trim();
        return string.IsNullOrEmpty(typed) ? throw new CliException($"{optionName} is required.") : typed;
    }
}
