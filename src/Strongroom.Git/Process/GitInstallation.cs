using System.Globalization;
using System.Text.RegularExpressions;

namespace Strongroom.Git.Process;

/// <summary>Checks at start-up that the git the server will run is there and recent enough, so that the first push does not find out.</summary>
public static partial class GitInstallation
{
    /// <summary>rev-list's <c>--filter=object:type=blob</c>, which push protection uses, came with git 2.32.</summary>
    public static readonly Version Minimum = new(2, 32);

    public static async Task<Version> VerifyAsync(CancellationToken cancellationToken = default)
    {
        string output;
        try
        {
            output = await GitCommand.RunAsync(["--version"], cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (GitException e)
        {
            throw new GitException($"Repositories need git {Minimum} or later, and git did not run ({e.Message}). On Debian: apt-get install git", e);
        }

        var match = VersionText().Match(output);
        var version = match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : new Version(0, 0);
        return version >= Minimum
            ? version
            : throw new GitException($"Repositories need git {Minimum} or later; this machine has '{output.Trim()}'. On Debian: apt-get install git");
    }

    [GeneratedRegex(@"git version (\d+)\.(\d+)")]
    private static partial Regex VersionText();
}
