using System.Diagnostics;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Runtime;

namespace Strongroom.Cli.Runner;

/// <summary>
/// One run of a Space: start it on the server, run the command with its environment, renew the
/// workload token at half its remaining life while the command runs, and stop it when it exits.
/// </summary>
/// <param name="runtimePath">The Space's <c>api/spaces/{ns}/{name}/runtime/</c> (see <see cref="SpacePath"/>).</param>
internal sealed class SpaceRun(CliContext context, StrongroomClient client, string space, string runtimePath, string[] commandLine)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var response = await client.PostAsync(runtimePath + "start", null, cancellationToken).ConfigureAwait(false);
        var started = response.Read<RuntimeStartResponse>();
        var workload = started.WorkloadToken;

        using var process = new Process { StartInfo = StartInfo(started) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await StopAsync(workload.Token).ConfigureAwait(false);
            throw new CliException($"Cannot run '{commandLine[0]}': {e.Message}");
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileRunningAsync(workload, renewing.Token);
        var output = Task.WhenAll(
            PumpAsync(process.StandardOutput, context.Out),
            PumpAsync(process.StandardError, context.Error));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopCommandAsync(process).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await output.ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            await StopAsync(workload.Token).ConfigureAwait(false);
        }

        return process.ExitCode;
    }

    /// <summary>
    /// The Space's environment as the hub gives it to Spaces: variables, then secrets (which win on a
    /// clash), the Space's identity, and the workload token as <c>HF_TOKEN</c> unless the Space set one.
    /// The runner's own credential is removed, so the command can never act as the runner.
    /// </summary>
    private ProcessStartInfo StartInfo(RuntimeStartResponse started)
    {
        var info = new ProcessStartInfo(commandLine[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in commandLine.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        var environment = info.Environment;
        environment.Remove(RunnerCommand.TokenVariable);
        foreach (var (key, value) in started.Variables)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in started.Secrets)
        {
            environment[key] = value;
        }

        var parts = space.Split('/');
        environment["SPACE_ID"] = space;
        environment["SPACE_AUTHOR_NAME"] = parts[0];
        environment["SPACE_REPO_NAME"] = parts[1];
        environment["STRONGROOM_WORKLOAD_TOKEN"] = started.WorkloadToken.Token;
        if (!started.Secrets.ContainsKey("HF_TOKEN") && !started.Variables.ContainsKey("HF_TOKEN"))
        {
            environment["HF_TOKEN"] = started.WorkloadToken.Token;
        }

        if (!started.Variables.ContainsKey("HF_ENDPOINT"))
        {
            environment["HF_ENDPOINT"] = ServerAddress.Display(client.Server);
        }

        return info;
    }

    /// <summary>How long the command has to exit after SIGTERM before it is killed (as <c>docker stop</c>).</summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    // Asked to stop (Ctrl+C, or SIGTERM from the supervisor that runs this runner): pass SIGTERM on, so
    // the Space can finish its requests and flush its state as it would in a container, and kill it
    // (and its children) only if it is still running after the grace period.
    private async Task StopCommandAsync(Process process)
    {
        if (!OperatingSystem.IsWindows() && Signals.Terminate(process.Id))
        {
            using var grace = new CancellationTokenSource(StopGracePeriod, context.Time);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync(
                    $"warning: '{commandLine[0]}' was still running {StopGracePeriod.TotalSeconds:F0} s after SIGTERM; killing it").ConfigureAwait(false);
            }
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RenewWhileRunningAsync(WorkloadTokenView workload, CancellationToken cancellationToken)
    {
        var expiresAt = workload.ExpiresAt;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = (expiresAt - context.Time.GetUtcNow()) / 2;
            try
            {
                await Task.Delay(wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), context.Time, cancellationToken).ConfigureAwait(false);
                var response = await client.PostAsync(runtimePath + "renew", new WorkloadTokenRequest(workload.Token), cancellationToken).ConfigureAwait(false);
                expiresAt = response.Read<WorkloadRenewal>().ExpiresAt;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is ApiException or CliException)
            {
                // The command keeps running; the Space loses hub access when the token lapses.
                await context.Error.WriteLineAsync($"warning: could not renew the workload token: {e.Message}").ConfigureAwait(false);
            }
        }
    }

    private async Task StopAsync(string workloadToken)
    {
        try
        {
            await client.PostAsync(runtimePath + "stop", new WorkloadTokenRequest(workloadToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or CliException)
        {
            await context.Error.WriteLineAsync($"warning: could not revoke the workload token at stop: {e.Message}").ConfigureAwait(false);
        }
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            await to.FlushAsync().ConfigureAwait(false);
        }
    }
}
