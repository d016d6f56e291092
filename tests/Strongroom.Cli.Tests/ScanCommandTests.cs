using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Strongroom.Cli.Tests;

/// <summary>`strongroom scan` end to end through the command line parser: exit codes and report files.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly string _directory = Directory.CreateTempSubdirectory("strongroom-cli-").FullName;

    internal static string Token()
    {
        var body = "sr_p" + string.Concat(Enumerable.Range(0, 32).Select(_ => Base62[Random.Shared.Next(62)]));
        var value = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(body));
        var checksum = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            checksum[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return body + new string(checksum);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var exitCode = StrongroomCli.RunAsync(args, output, new StringWriter(), TextReader.Null).GetAwaiter().GetResult();
        return (exitCode, output.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Scan_CleanFile_ExitsZero()
    {
        // Arrange
        var path = Write("clean.py", "print('hello')\n");

        // Act
        var (exitCode, output) = Run("scan", path, "--no-progress");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("0 findings", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_FileWithToken_ExitsOneAndMasks()
    {
        // Arrange
        var token = Token();
        var path = Write("leak.py", $"TOKEN = '{token}'\n");

        // Act
        var (exitCode, output) = Run("scan", path, "--no-progress");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("strongroom-token", output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_MissingPath_ExitsTwo()
    {
        // Act
        var (exitCode, _) = Run("scan", Path.Combine(_directory, "absent"), "--no-progress");

        // Assert
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void Scan_JsonReportAsBaseline_SuppressesAndExitsZero()
    {
        // Arrange
        var token = Token();
        var path = Write("leak.py", $"TOKEN = '{token}'\n");
        var report = Path.Combine(_directory, "report.json");

        // Act
        var (firstExit, _) = Run("scan", path, "--no-progress", "--format", "json", "--output", report);
        var (secondExit, _) = Run("scan", path, "--no-progress", "--baseline", report);

        // Assert
        Assert.Equal(1, firstExit);
        Assert.Equal(0, secondExit);
        var json = File.ReadAllText(report);
        Assert.DoesNotContain(token, json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(1, document.RootElement.GetProperty("summary").GetProperty("findings").GetInt32());
    }

    [Fact]
    public void Scan_SarifFormat_WritesSarifLog()
    {
        // Arrange
        var path = Write("leak.py", $"TOKEN = '{Token()}'\n");

        // Act
        var (exitCode, output) = Run("scan", path, "--no-progress", "--format", "sarif");

        // Assert
        Assert.Equal(1, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
