using System.Text;

namespace Strongroom.Cli;

/// <summary>
/// What one run of the CLI talks to: its streams, its environment, its clock, and a terminal to
/// prompt on (absent when stdin is redirected). Tests build one in memory; <see cref="FromConsole"/>
/// is the real process.
/// </summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    /// <summary>Reads an environment variable; a dictionary in tests, so parallel runs do not share state.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Asks the person at the terminal: <c>(prompt, echo)</c> → the line typed, or null at end of input.
    /// Null when there is no terminal, in which case nothing may be prompted for.
    /// </summary>
    public Func<string, bool, string?>? Prompt { get; init; }

    public bool IsTerminal => Prompt is not null;

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        Prompt = Console.IsInputRedirected ? null : PromptOnConsole,
    };

    /// <summary>Prompts on stderr (stdout may be piped); without echo, keys are read intercepted so they never reach the screen.</summary>
    private static string? PromptOnConsole(string prompt, bool echo)
    {
        Console.Error.Write(prompt);
        if (echo)
        {
            return Console.ReadLine();
        }

        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return typed.ToString();
                case ConsoleKey.Backspace:
                    if (typed.Length > 0)
                    {
                        typed.Length--;
                    }

                    break;
                default:
                    if (key.KeyChar == '\u0004' && typed.Length == 0)
                    {
                        Console.Error.WriteLine();
                        return null; // Ctrl+D on an empty line: end of input
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        typed.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
