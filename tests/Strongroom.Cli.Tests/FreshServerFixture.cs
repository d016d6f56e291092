namespace Strongroom.Cli.Tests;

/// <summary>A server as a fresh install leaves it: the first admin still has the generated one-time password.</summary>
public sealed class FreshServerFixture : ServerFixture
{
    protected override bool ReplaceOneTimePassword => false;
}
