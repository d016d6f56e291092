using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Strongroom.Git.Packs;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Tokens;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Repos;

/// <summary>
/// Reading a pack in place, as push protection does: every blob is rebuilt exactly (its content hashes to its
/// id), once, and scanning each delta only around what it changed finds every secret that scanning every
/// version whole finds, on a history built to put secrets where windows could miss them: values changed
/// behind a keyword that stays, base64-encoded tokens, allow markers removed far along a line.
/// </summary>
public sealed class DeltaWalkTests
{
    private const string KeyStart = "wJalrXUtnFEMIK7MDENGbPxRfiCYzQ1x9k";
    private static readonly ScanEngine Engine = new(new ScanOptions { TokenPrefixes = ["sr"] });

    [Fact]
    public async Task EveryBlobIsRebuiltOnce_AndScanningDeltasAroundTheirChangesFindsWhatScanningThemWholeFinds()
    {
        using var git = new GitClient();
        await git.OkAsync("", "init", "--quiet", "history");
        var random = new Random(20261203);
        var files = new[] { "settings.py", "deploy/values.yaml" }.ToDictionary(f => f, _ => Enumerable.Range(0, 1000).Select(i => Filler(random, i)).ToList());
        for (var commit = 0; commit < 40; commit++)
        {
            foreach (var (name, lines) in files)
            {
                Edit(random, lines);
                Rotate(random, lines, commit);
                Directory.CreateDirectory(Path.GetDirectoryName(git.PathOf(Path.Combine("history", name)))!);
                await File.WriteAllTextAsync(git.PathOf(Path.Combine("history", name)), string.Join('\n', lines) + "\n");
            }

            await git.OkAsync("history", "add", ".");
            await git.OkAsync("history", "commit", "--quiet", "-m", $"change {commit}");
        }

        await git.OkAsync("history", "repack", "-adfq", "--window=250", "--depth=50");
        var blobIds = (await git.OkAsync("history", "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("blob ", StringComparison.Ordinal)).Select(l => l[5..]).ToHashSet();
        var pack = Directory.GetFiles(git.PathOf("history/.git/objects/pack"), "*.pack").Single();

        var whole = new ConcurrentBag<Finding>();
        var changed = new ConcurrentBag<Finding>();
        var visits = new ConcurrentDictionary<string, int>();
        long total = 0, scanned = 0;
        var deltas = 0;
        using (var file = PackFile.Open(pack))
        {
            new DeltaWalk(file, _ => false, (id, content, changes, isWhole) =>
            {
                Assert.Equal(id, BlobId(content));
                visits.AddOrUpdate(id, 1, (_, n) => n + 1);
                var all = new List<Finding>();
                Engine.ScanChanged(content, [(0, content.Length)], id, all);
                all.ForEach(whole.Add);
                var found = new List<Finding>();
                var bytes = Engine.ScanChanged(content, isWhole ? [(0, content.Length)] : changes, id, found);
                found.ForEach(changed.Add);
                Interlocked.Add(ref total, content.Length);
                Interlocked.Add(ref scanned, bytes);
                if (!isWhole)
                {
                    Interlocked.Increment(ref deltas);
                }

                return bytes >= 0;
            }).Run(parallelism: 2, CancellationToken.None);
        }

        Assert.Equal(blobIds.Order(), visits.Keys.Order());
        Assert.All(visits.Values, n => Assert.Equal(1, n));
        Assert.True(deltas > 40, $"only {deltas} blobs were deltas scanned by their changes");
        Assert.True(scanned < total / 2, $"scanned {scanned} of {total} bytes: the deltas were not scanned by their changes");
        var expected = whole.Select(f => f.Fingerprint).ToHashSet();
        Assert.True(expected.Count > 20, $"the history holds only {expected.Count} distinct secrets");
        Assert.Equal(expected.Order(), changed.Select(f => f.Fingerprint).ToHashSet().Order());
    }

    [Fact]
    public void ApplyingADelta_NotesItsInsertsAndTheSeamsWhereCopiesThatWereApartMeet()
    {
        var source = "abcdefgh"u8.ToArray();

        // Sizes 8 -> 11; copy "abc"; insert "XY"; copy "defg" (its seam is the insert's end); copy "ab"
        // (from elsewhere in the base: a seam); the base's end "h" is not copied (a seam at the end).
        byte[] delta = [8, 11, 0x91, 0, 3, 2, (byte)'X', (byte)'Y', 0x91, 3, 4, 0x90, 2];
        var result = new byte[(int)Delta.ResultSize(delta)];
        var changes = new List<(int Start, int End)>();

        Delta.Apply(source, delta, result, changes);

        Assert.Equal("abcXYdefgab", Encoding.ASCII.GetString(result));
        Assert.Equal([(3, 5), (9, 9), (11, 11)], changes);
    }

    private static string BlobId(ReadOnlySpan<byte> content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(header);
        sha1.AppendData(content);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    private static string Filler(Random random, int i) => $"setting_{i} = compute(\"{Word(random, 12)}\", {random.Next(1000)})";

    // One to three edits a version: filler changed, a secret added, a secret's value changed behind the
    // keyword that stays, a token added base64-encoded, an allow marker far along a line dropped.
    private static void Edit(Random random, List<string> lines)
    {
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(lines.Count);
            if (at is 100 or 200)
            {
                continue; // Rotate's lines
            }

            var line = lines[at];
            lines[at] = random.Next(7) switch
            {
                0 => Filler(random, at),
                1 => $"AWS_SECRET_ACCESS_KEY = \"{Word(random, 40)}\"",
                2 when line.StartsWith("AWS_SECRET_ACCESS_KEY", StringComparison.Ordinal) => line[..^7] + Word(random, 6) + "\"",
                3 => $"TOKEN = \"{Token(random)}\"",
                4 => $"ENCODED = \"{Convert.ToBase64String(Encoding.ASCII.GetBytes("user:" + Token(random)))}\"",
                5 => $"KEY = \"{Token(random)}\"{new string(' ', 600)}# strongroom:allow",
                _ when line.EndsWith("# strongroom:allow", StringComparison.Ordinal) => line[..^18],
                _ => line + " # " + Word(random, 8),
            };
        }
    }

    // Secrets that live in one version only, so that no version scanned whole finds them for the deltas:
    // the end of a key rotated behind its keyword (a delta inserts only that end), and an allow marker
    // 600 bytes along a line dropped for one version (that version's delta has only a seam there).
    private static void Rotate(Random random, List<string> lines, int commit)
    {
        lines[100] = $"AWS_SECRET_ACCESS_KEY = \"{KeyStart}{Word(random, 6)}\"";
        lines[200] = commit % 2 == 0 ? $"KEY = \"{Token(random)}\"{new string(' ', 600)}# strongroom:allow" : lines[200][..^18];
    }

    private static string Token(Random random)
    {
        var body = "sr_p" + Word(random, 32);
        return body + TokenChecksum.Compute(body);
    }

    private static string Word(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => TokenChecksum.Alphabet[random.Next(TokenChecksum.Alphabet.Length)]));
}
