namespace Strongroom.Cli.Tests;

public sealed class ReadmeWalkthroughExtractTests
{
    private const string Markdown = """
        # Title

        ```sh
        ./strongroom ignored      # before the section
        ```

        ## A first session

        ```sh
        ./strongroom serve --data ./.strongroom
        ```

        ```
        not a shell block
        ```

        ```sh
        # a comment line
        A="$(cat x)" \
          ./strongroom runner exec -- sh -c 'echo "#1"'   # exits 3 when told to
        ./strongroom password    # asks twice
        ```

        ## Next

        ```sh
        ./strongroom not-this-one
        ```
        """;

    [Fact]
    public void Extract_SectionWithBlocks_ReturnsItsShellCommandsOnlyJoiningContinuations()
    {
        var commands = ReadmeWalkthrough.Extract(Markdown, ["## A first session"]);

        Assert.Equal(
            ["./strongroom serve --data ./.strongroom", "A=\"$(cat x)\" ./strongroom runner exec -- sh -c 'echo \"#1\"'   # exits 3 when told to", "./strongroom password    # asks twice"],
            commands.Select(c => c.Text).ToList());
        Assert.True(commands[0].IsServer);
        Assert.Equal(3, commands[1].ExpectedExitCode);
        Assert.Equal("A=\"$(cat x)\" ./strongroom runner exec -- sh -c 'echo \"#1\"'", commands[1].WithoutComment);
        Assert.True(commands[2].IsInteractive);
        Assert.Equal(0, commands[2].ExpectedExitCode);
    }

    [Fact]
    public void Extract_MissingSection_Throws() =>
        Assert.Throws<InvalidOperationException>(() => ReadmeWalkthrough.Extract(Markdown, ["## Nowhere"]));

    [Fact]
    public void Extract_RealReadme_HasServerRepoCreationAndRunner()
    {
        var commands = ReadmeWalkthrough.Extract(File.ReadAllText(ReadmeWalkthrough.ReadmePath()), ReadmeWalkthrough.Sections);

        Assert.Single(commands, c => c.IsServer);
        Assert.Contains(commands, c => c.Text.Contains("repos create acme/bert", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Text.Contains("repos create acme/demo", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Text.Contains("runner exec", StringComparison.Ordinal));
    }
}
