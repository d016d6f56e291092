using Strongroom.Core.Hub;
using Strongroom.Git.Content;
using Strongroom.Git.Storage;
using Strongroom.Git.Writing;

namespace Strongroom.Server.Tests.Repos;

/// <summary>The cache in front of libgit2 answers exactly what libgit2 answers with it off, before and after the branch moves.</summary>
public sealed class RevisionReaderTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sr-reader-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly RevisionReader _cached = new(1000);
    private readonly RevisionReader _uncached = new(0);
    private readonly Repository _repo = new() { Id = Guid.NewGuid().ToString("N"), Type = RepoType.Model, Namespace = "alice", Name = "m", OwnerId = "alice" };
    private GitRepo _git = null!;

    public async Task InitializeAsync() => _git = await new GitRepositoryStore(_root).CreateAsync(_repo, DateTimeOffset.UnixEpoch, CancellationToken.None);

    public Task DisposeAsync()
    {
        _cached.Dispose();
        _uncached.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Tree_WithTheCacheOnOrOff_ReadsTheSame_AsTheBranchMoves()
    {
        var first = await CommitAsync("d/a.txt", "a.txt");
        var readsAtFirst = Reads(first);
        var beforeTheMove = readsAtFirst.Select(r => Show(r.Read(_cached))).ToList(); // now in the cache
        var second = await CommitAsync("d/b.txt");

        foreach (var (label, read) in readsAtFirst.Concat(Reads(second)))
        {
            var expected = Show(read(_uncached));
            Assert.True(expected == Show(read(_cached)), label);
            Assert.True(expected == Show(read(_cached)), label + ", again (from the cache)");
        }

        Assert.DoesNotContain("d/b.txt", beforeTheMove[1], StringComparison.Ordinal);
        Assert.Contains("d/b.txt", Show(_cached.Tree(_git, _repo.Id, "main", null, recursive: true)), StringComparison.Ordinal);
        Assert.DoesNotContain("d/b.txt", Show(_cached.Tree(_git, _repo.Id, first, null, recursive: true)), StringComparison.Ordinal);
        Assert.Equal(second, _cached.Files(_git, _repo.Id, "HEAD")!.Sha);
    }

    [Fact]
    public async Task Tree_AtNoSuchRevisionOrAtAFile_SaysSo()
    {
        var sha = await CommitAsync("a.txt");
        _cached.Tree(_git, _repo.Id, "main", null, recursive: false);

        Assert.Equal(TreeListing.NoRevision, _cached.Tree(_git, _repo.Id, "no-such-branch", null, recursive: false));
        Assert.Equal(TreeListing.NoRevision, _cached.Tree(_git, _repo.Id, new string('0', 40), null, recursive: false));
        Assert.Null(_cached.Files(_git, _repo.Id, "no-such-branch"));
        Assert.Equal(new TreeListing(sha, null), _cached.Tree(_git, _repo.Id, "main", "a.txt", recursive: false));
        Assert.Equal(new TreeListing(sha, null), _cached.Tree(_git, _repo.Id, "main", "a.txt", recursive: false));
    }

    /// <summary>Every way of asking at this commit, by branch, HEAD and id, each a function of the reader.</summary>
    private List<(string Label, Func<RevisionReader, object?> Read)> Reads(string sha) =>
    [
        ("main", r => r.Tree(_git, _repo.Id, "main", null, recursive: false)),
        ("HEAD recursive", r => r.Tree(_git, _repo.Id, "HEAD", null, recursive: true)),
        ("id, under d", r => r.Tree(_git, _repo.Id, sha, "d", recursive: false)),
        ("id upper case", r => r.Tree(_git, _repo.Id, sha.ToUpperInvariant(), null, recursive: true)),
        ("files at main", r => r.Files(_git, _repo.Id, "main")),
        ("files at id", r => r.Files(_git, _repo.Id, sha)),
    ];

    private static string Show(object? read) => read switch
    {
        TreeListing listing => listing.Sha + ":" + string.Join(",", listing.Items?.Select(i => $"{i.Type} {i.Path} {i.Size} {i.Oid}") ?? ["(none)"]),
        RevisionFiles files => files.Sha + ":" + files.Committed.ToString("O") + ":" + string.Join(",", files.Paths),
        _ => "(null)",
    };

    private async Task<string> CommitAsync(params string[] paths)
    {
        var head = RefFiles.TryResolve(_git.Path, "main");
        var written = await GitCommitWriter.WriteAsync(_git, head, [.. paths.Select(p => FileChange.Add(p, "x\n"u8.ToArray()))], CommitAuthor.Hub, "add",
            DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None);
        Assert.True(await GitCommitWriter.UpdateBranchAsync(_git, "main", written.Sha, head, written.PendingRef, CancellationToken.None));
        return written.Sha;
    }
}
