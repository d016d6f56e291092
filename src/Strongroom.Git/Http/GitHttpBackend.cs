using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.Http;

/// <summary>
/// git's smart HTTP protocol, served by running <c>git upload-pack</c> and <c>git receive-pack</c> in
/// stateless-RPC mode, as <c>git http-backend</c> does, minus the CGI layer. Authorization stays with the
/// caller; <c>receive-pack</c> runs the push-protection hook before any ref moves.
/// </summary>
public sealed partial class GitHttpBackend
{
    public const string UploadPack = "git-upload-pack";
    public const string ReceivePack = "git-receive-pack";

    private readonly GitRepositoryStore _store;
    private readonly long _maxPushBytes;

    public GitHttpBackend(GitRepositoryStore store, long maxPushBytes)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _maxPushBytes = maxPushBytes;
    }

    /// <summary>Where the pre-receive hook lives (given to receive-pack as <c>core.hooksPath</c>).</summary>
    public string HooksPath => Path.Combine(_store.Root, ".hooks");

    /// <summary>Where the hook's per-push pipes are made.</summary>
    public string GatesPath => Path.Combine(_store.Root, ".gates");

    public static bool IsService(string? service) => service is UploadPack or ReceivePack;

    /// <summary>Writes the hook (from this assembly) where receive-pack will look for it; run at start-up.</summary>
    public void InstallHooks()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("git hooks here are POSIX shell scripts");
        }

        Directory.CreateDirectory(HooksPath);
        using var source = typeof(GitHttpBackend).Assembly.GetManifestResourceStream("pre-receive")
            ?? throw new InvalidOperationException("The pre-receive hook is missing from the assembly");
        var path = Path.Combine(HooksPath, "pre-receive");
        var temporary = path + ".tmp";
        using (var target = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
        }))
        {
            source.CopyTo(target);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The content type of the answer to <c>info/refs?service=</c>.</summary>
    public static string AdvertisementType(string service) => $"application/x-{service}-advertisement";

    /// <summary>The content type of a service's answer.</summary>
    public static string ResultType(string service) => $"application/x-{service}-result";

    /// <summary>Writes the refs advertisement (<c>GET info/refs?service=</c>).</summary>
    public async Task AdvertiseAsync(GitRepo repo, string service, string? protocol, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var version = ProtocolVersion(protocol);
        using var process = StartService(repo, service, version, advertise: true, environment: null);
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        if (version is null)
        {
            // Protocol v0 starts with the service line; v2 does not (git http-backend does the same).
            var line = $"# service={service}\n";
            await output.WriteAsync(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{line.Length + 4:x4}{line}0000")), cancellationToken)
                .ConfigureAwait(false);
        }

        await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new GitException($"{service} --advertise-refs failed: {await errors.ConfigureAwait(false)}");
        }
    }

    /// <summary>Starts the service for one POST: the request body goes to its standard input, its output is the answer.</summary>
    public System.Diagnostics.Process StartService(GitRepo repo, string service, string? protocol, IReadOnlyDictionary<string, string>? environment) =>
        StartService(repo, service, ProtocolVersion(protocol), advertise: false, environment);

    private System.Diagnostics.Process StartService(GitRepo repo, string service, string? version, bool advertise, IReadOnlyDictionary<string, string>? environment)
    {
        ArgumentNullException.ThrowIfNull(repo);
        if (!IsService(service))
        {
            throw new ArgumentException("Unknown git service", nameof(service));
        }

        var arguments = new List<string> { "-c", "transfer.hideRefs=refs/strongroom" };
        if (service == ReceivePack)
        {
            arguments.AddRange([
                "-c", "core.hooksPath=" + HooksPath,
                "-c", "receive.fsckObjects=true",
                "-c", "receive.advertisePushOptions=true",
                "-c", "receive.denyNonFastForwards=false",
                "-c", "receive.maxInputSize=" + _maxPushBytes.ToString(CultureInfo.InvariantCulture),

                // Every push stays the pack it came as, however small: push protection reads it in place
                // (receive.autogc, on by default, keeps the packs few).
                "-c", "receive.unpackLimit=1",
                "receive-pack",
            ]);
        }
        else
        {
            arguments.AddRange(["-c", "uploadpack.allowFilter=true", "upload-pack"]);
        }

        arguments.Add("--stateless-rpc");
        if (advertise)
        {
            arguments.Add("--advertise-refs");
        }

        arguments.Add(repo.Path);
        var env = environment is null ? new Dictionary<string, string>() : new Dictionary<string, string>(environment);
        if (version is not null)
        {
            env["GIT_PROTOCOL"] = version;
        }

        return GitCommand.Start(arguments, env);
    }

    /// <summary>The client's <c>Git-Protocol</c> header when it asks for protocol v2 in the one form git sends; else v0.</summary>
    private static string? ProtocolVersion(string? header) =>
        header is not null && ProtocolHeader().IsMatch(header) && header.Contains("version=2", StringComparison.Ordinal) ? "version=2" : null;

    [GeneratedRegex("^[a-z0-9=:.-]{1,64}$")]
    private static partial Regex ProtocolHeader();
}
