using Strongroom.Git.Process;

namespace Strongroom.Server.Features.Repos.GitHttp;

/// <summary>Runs one git service exchange: the request body into the process, its output into the response, both streamed.</summary>
internal static class GitServiceStream
{
    public static async Task<int> RunAsync(System.Diagnostics.Process process, Stream requestBody, Stream responseBody, CancellationToken cancellationToken)
    {
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var feed = FeedAsync(process, requestBody, cancellationToken);
        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(responseBody, cancellationToken).ConfigureAwait(false);
            await feed.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            GitCommand.Kill(process);
            throw;
        }

        await errors.ConfigureAwait(false);
        return process.ExitCode;
    }

    private static async Task FeedAsync(System.Diagnostics.Process process, Stream requestBody, CancellationToken cancellationToken)
    {
        try
        {
            await requestBody.CopyToAsync(process.StandardInput.BaseStream, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // git stopped reading (it refused the request, or ended): its output says why.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }
    }
}
