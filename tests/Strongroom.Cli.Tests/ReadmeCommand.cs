using System.Text.RegularExpressions;

namespace Strongroom.Cli.Tests;

/// <summary>
/// One shell command of the README, continuation lines joined. A comment saying <c>exits N</c> is the
/// exit code the README promises; otherwise it must succeed.
/// </summary>
public sealed partial record ReadmeCommand(string Text)
{
    public int ExpectedExitCode => ExitComment().Match(Text) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>The command without its trailing comment (a <c>#</c> after whitespace, outside quotes, as the README writes them).</summary>
    public string WithoutComment => CommentStart().Split(Text, 2)[0].Trim();

    /// <summary>Whether it starts the server, which keeps running (the README's first terminal).</summary>
    public bool IsServer => WithoutComment.StartsWith("./strongroom serve", StringComparison.Ordinal);

    /// <summary>Whether it asks on a terminal (the README says "asks").</summary>
    public bool IsInteractive => Regex.IsMatch(Text, @"#.*\basks\b", RegexOptions.None, TimeSpan.FromSeconds(1));

    public override string ToString() => Text;

    [GeneratedRegex(@"#.*\bexits (\d+)\b")]
    private static partial Regex ExitComment();

    [GeneratedRegex(@"\s+#\s")]
    private static partial Regex CommentStart();
}
