using Strongroom.Git.Content;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Repos;

/// <summary>Reading refs from git's files agrees with git itself, and answers nothing rather than something unsure.</summary>
public sealed class RefFilesTests : IDisposable
{
    private readonly GitClient _git = new();

    private string GitDir => _git.PathOf("work/.git");

    [Fact]
    public async Task TryResolve_ALooseOrPackedBranchAndHead_AgreesWithGit()
    {
        await InitAsync();
        var first = await CommitAsync("first");

        var loose = RefFiles.TryResolve(GitDir, "main");
        var head = RefFiles.TryResolve(GitDir, "HEAD");
        await _git.OkAsync("work", "pack-refs", "--all");
        var packed = RefFiles.TryResolve(GitDir, "main");
        var second = await CommitAsync("second");
        var looseOverPacked = RefFiles.TryResolve(GitDir, "main");
        await _git.OkAsync("work", "branch", "feature/x", first);
        await _git.OkAsync("work", "pack-refs", "--all");
        var packedNested = RefFiles.TryResolve(GitDir, "feature/x");

        Assert.Equal(first, loose);
        Assert.Equal(first, head);
        Assert.False(File.Exists(Path.Combine(GitDir, "refs", "heads", "main")));
        Assert.Equal(first, packed);
        Assert.Equal(second, looseOverPacked);
        Assert.Equal(first, packedNested);
    }

    [Fact]
    public async Task TryResolve_ADetachedHead_IsItsCommit()
    {
        await InitAsync();
        var first = await CommitAsync("first");
        await CommitAsync("second");
        await _git.OkAsync("work", "checkout", "--quiet", "--detach", first);

        Assert.Equal(first, RefFiles.TryResolve(GitDir, "HEAD"));
    }

    [Theory]
    [InlineData("v1")]                                       // a tag: libgit2 peels it
    [InlineData("alias")]                                    // a symbolic branch
    [InlineData("no-such-branch")]
    [InlineData("a..b")]                                     // not a ref name git accepts
    [InlineData("0123456789abcdef0123456789abcdef01234567")] // a commit id is an object before it is a name
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    public async Task TryResolve_WhatItCannotTellForCertain_IsNull(string revision)
    {
        await InitAsync();
        await CommitAsync("first");
        await _git.OkAsync("work", "tag", "-a", "-m", "tagged", "v1");
        await _git.OkAsync("work", "symbolic-ref", "refs/heads/alias", "refs/heads/main");
        await _git.OkAsync("work", "branch", revision.Length == 40 ? revision : "unrelated");

        Assert.Null(RefFiles.TryResolve(GitDir, revision));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567", true)]
    [InlineData("0123456789abcdef0123456789abcdef0123456", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456g", false)]
    [InlineData("main", false)]
    public void IsFullId_FortyHexDigits_InEitherCase(string revision, bool expected) =>
        Assert.Equal(expected, RefFiles.IsFullId(revision));

    public void Dispose() => _git.Dispose();

    private async Task InitAsync()
    {
        await _git.OkAsync("", "init", "--quiet", "work");
    }

    private async Task<string> CommitAsync(string message)
    {
        await File.WriteAllTextAsync(_git.PathOf("work/" + message + ".txt"), message);
        await _git.OkAsync("work", "add", ".");
        await _git.OkAsync("work", "commit", "--quiet", "-m", message);
        return (await _git.OkAsync("work", "rev-parse", "HEAD")).Trim();
    }
}
