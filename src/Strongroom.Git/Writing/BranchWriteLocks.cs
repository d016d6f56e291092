namespace Strongroom.Git.Writing;

/// <summary>
/// Serializes this process's commits to one repository, so that concurrent API writers queue instead of
/// racing and retrying. The branch update stays a compare-and-swap: a <c>git push</c> or another node can
/// still move the branch, and then the loser redoes its commit on the new head. Striped: memory stays
/// fixed however many repositories there are.
/// </summary>
public sealed class BranchWriteLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> AcquireAsync(string repositoryPath, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(StringComparer.Ordinal.GetHashCode(repositoryPath) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
