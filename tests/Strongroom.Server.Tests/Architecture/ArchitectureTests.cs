using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Strongroom.Server.Tests.Architecture;

/// <summary>
/// The layering the README describes, checked on the built assemblies: the scanner depends on nothing of
/// ours; Core on neither the web framework nor EF Core, and does no file I/O; no project references one it
/// does not use; a slice of the API (<c>Features/X</c>) uses another only through the shared ones.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>
    /// Folders every slice may use: who is calling, how errors look, the access check, the page frame, and
    /// the notification worker (a slice that notifies wakes it after saving what it queued).
    /// </summary>
    private static readonly string[] SharedFeatures = ["Auth", "Errors", "Access", "Home", "Notifications"];

    [Fact]
    public void Scanning_DependsOnNothingOfOurs()
    {
        var references = Assembly.Load("Strongroom.Scanning").GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith("Strongroom.", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_ReferencesNeitherTheWebFrameworkNorEfCore()
    {
        var references = Assembly.Load("Strongroom.Core").GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_DoesNoFileIo()
    {
        string[] io = ["File", "Directory", "FileStream", "FileInfo", "DirectoryInfo", "FileSystemInfo", "FileSystemWatcher", "RandomAccess"];

        var used = TypeReferences(Assembly.Load("Strongroom.Core").Location).Where(t => t.Namespace == "System.IO" && io.Contains(t.Name)).ToList();
        var localKeyStore = TypeReferences(Assembly.Load("Strongroom.Kms.Local").Location).Where(t => t.Namespace == "System.IO" && io.Contains(t.Name)).ToList();

        Assert.Empty(used);
        Assert.NotEmpty(localKeyStore); // the check sees file I/O where there is some
    }

    [Theory]
    [InlineData("Strongroom.Core")]
    [InlineData("Strongroom.Data")]
    [InlineData("Strongroom.Git")]
    [InlineData("Strongroom.Kms.Local")]
    [InlineData("Strongroom.Kms.Pkcs11")]
    [InlineData("Strongroom.Notifications")]
    [InlineData("Strongroom.Server")]
    public void Project_ReferencesOnlyProjectsItUses(string project)
    {
        // The compiler records an assembly reference only for an assembly the code uses.
        var used = Assembly.Load(project).GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

        var unused = ProjectReferences(project).Where(reference => !used.Contains(reference)).ToList();

        Assert.True(unused.Count == 0, $"{project} references {string.Join(", ", unused)} without using it");
    }

    [Fact]
    public void Slices_UseEachOtherOnlyThroughTheSharedOnes()
    {
        const string Prefix = "Strongroom.Server.Features.";
        static string? Slice(string type) =>
            type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..].Split('.')[0] : null;

        var edges = MethodBodyTypes.Edges(typeof(Strongroom.Server.Hosting.StrongroomApp).Assembly.Location)
            .Select(e => (e.User, e.Used, From: Slice(e.User), To: Slice(e.Used)))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To)
            .ToList();
        var crossings = edges.Where(e => !SharedFeatures.Contains(e.To)).Select(e => $"{e.User} uses {e.Used}").Order(StringComparer.Ordinal).ToList();

        Assert.True(crossings.Count == 0, "Slices reaching into each other:\n" + string.Join('\n', crossings));
        // The check sees one slice using another where one does: every slice answers errors through the shared one.
        Assert.Contains(edges, e => e.From == "Repos" && e.To == "Errors");
    }

    private static IEnumerable<(string Namespace, string Name)> TypeReferences(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        return [.. md.TypeReferences.Select(h => md.GetTypeReference(h)).Select(t => (md.GetString(t.Namespace), md.GetString(t.Name)))];
    }

    /// <summary>The assembly names of the project's <c>ProjectReference</c>s, from its csproj under src/.</summary>
    private static IEnumerable<string> ProjectReferences(string project)
    {
        var csproj = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        return XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Strongroom.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Strongroom.slnx not found above the test binaries");
    }
}
