using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Tests.Sources;

public sealed class PathScannerTests
{
    private static readonly PathScanner Scanner = new(new ScanEngine());

    [Fact]
    public void Scan_DirectoryWithIgnoreFiles_SkipsIgnoredAndReportsRelativePaths()
    {
        // Arrange
        using var dir = new TempDirectory();
        var token = Secrets.Token();
        dir.Write("app/config.py", $"TOKEN = '{token}'\n");
        dir.Write("build/out.txt", $"{token}\n");
        dir.Write("vendor/lib.js", $"{token}\n");
        dir.Write("app/fixtures/sample.txt", $"{token}\n");
        dir.Write(".gitignore", "build/\n");
        dir.Write(".strongroomignore", "vendor/\n");
        dir.Write("app/.gitignore", "fixtures/\n");

        // Act
        var findings = Scanner.Scan([dir.Path]);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(System.IO.Path.Combine(dir.Path, "app/config.py").Replace('\\', '/'), finding.Path);
        Assert.Equal("strongroom-token", finding.RuleId);
    }

    [Fact]
    public void Scan_SymbolicLinks_AreNotFollowed()
    {
        // Arrange: a link to a file outside the tree, and a directory link back to the root (a loop).
        using var outside = new TempDirectory();
        using var dir = new TempDirectory();
        var token = Secrets.Token();
        var secretOutside = outside.Write("secret.env", $"TOKEN={token}\n");
        dir.Write("src/app.py", $"TOKEN = '{token}'\n");
        File.CreateSymbolicLink(System.IO.Path.Combine(dir.Path, "src/linked.env"), secretOutside);
        Directory.CreateSymbolicLink(System.IO.Path.Combine(dir.Path, "src/loop"), dir.Path);

        // Act
        var findings = Scanner.Scan([dir.Path]);

        // Assert
        var finding = Assert.Single(findings);
        Assert.EndsWith("src/app.py", finding.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_BinaryFile_SkippedAndCounted()
    {
        // Arrange
        using var dir = new TempDirectory();
        var path = System.IO.Path.Combine(dir.Path, "model.bin");
        File.WriteAllBytes(path, [0, 1, 2, .. Encoding.ASCII.GetBytes(Secrets.Token())]);
        var progress = new ScanProgress();

        // Act
        var findings = Scanner.Scan([path], progress);

        // Assert
        Assert.Empty(findings);
        Assert.Equal(1, progress.Skipped);
    }

    [Fact]
    public void Scan_StandardInput_FindsSecret()
    {
        // Arrange
        var token = Secrets.Token('w');
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes($"echo {token}\n"));

        // Act
        var findings = Scanner.Scan([PathScanner.StandardInput], stdin: stdin);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal("-", finding.Path);
        Assert.Equal(token, finding.Secret);
    }

    [Fact]
    public void Scan_ZipWithNestedTarGz_FindsSecretsWithMemberPaths()
    {
        // Arrange
        using var dir = new TempDirectory();
        var outer = Secrets.Token();
        var inner = Secrets.Token('c');
        var tarGz = new MemoryStream();
        using (var gzip = new GZipStream(tarGz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "pkg/settings.env")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"X={inner}\n")),
            };
            tar.WriteEntry(entry);
        }

        var zipPath = System.IO.Path.Combine(dir.Path, "bundle.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("src/app.py").Open()))
            {
                writer.Write($"\n\nkey = \"{outer}\"\n");
            }

            using var nested = zip.CreateEntry("deps/pkg.tar.gz").Open();
            nested.Write(tarGz.ToArray());
        }

        // Act
        var findings = Scanner.Scan([zipPath]);

        // Assert
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Path.EndsWith("bundle.zip!src/app.py", StringComparison.Ordinal) && f.Line == 3 && f.Secret == outer);
        Assert.Contains(findings, f => f.Path.EndsWith("bundle.zip!deps/pkg.tar.gz!pkg/settings.env", StringComparison.Ordinal) && f.Secret == inner);
    }

    [Fact]
    public void Scan_MissingPath_Throws()
    {
        // Act + Assert
        Assert.Throws<FileNotFoundException>(() => Scanner.Scan(["/no/such/path/anywhere"]));
    }
}
