using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Passwords;
using Strongroom.Data;

namespace Strongroom.Server.Hosting;

/// <summary>
/// On first start, creates the admin user <c>admin</c> with a random one-time password written to
/// <c>&lt;data&gt;/initial-admin-password</c> (mode 0600). The password is never printed or logged, and
/// is marked for replacement: sign-ins with it are told to change it, and with
/// <c>Passwords:RequireChange</c> on can do nothing else until they do.
/// </summary>
internal static class FirstAdmin
{
    public const string FileName = "initial-admin-password";

    public static async Task<string?> EnsureAsync(IServiceProvider services, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
        var path = Path.Combine(dataDirectory, FileName);
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var admin = new User
        {
            Id = Ids.New(),
            Name = "admin",
            Email = "admin@localhost",
            Fullname = "Administrator",
            PasswordHash = scope.ServiceProvider.GetRequiredService<PasswordHasher>().Hash(password),
            IsAdmin = true,
            MustChangePassword = true, // one-time: to be replaced (enforced with Passwords:RequireChange)
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(admin);
        db.Namespaces.Add(NamespaceName.For(admin.Name, admin.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return null; // another node of the fleet created it first
        }

        await WritePrivateFileAsync(path, password + "\n", cancellationToken).ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<IAuditLog>()
            .WriteAsync(
                new AuditEvent { Action = "user.create", Target = "user:admin", Details = new Dictionary<string, string> { ["reason"] = "first start" } },
                cancellationToken)
            .ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the one this node wrote at first start, which holds only
    /// while the first admin has not replaced it.
    /// </summary>
    public static bool IsOneTimePassword(string dataDirectory, string password)
    {
        string written;
        try
        {
            written = File.ReadAllText(Path.Combine(dataDirectory, FileName)).TrimEnd('\n', '\r');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(written), System.Text.Encoding.UTF8.GetBytes(password));
    }

    /// <summary>The password it held no longer signs in; the file would only invite copying it around.</summary>
    public static void DeleteOneTimePassword(string dataDirectory) => File.Delete(Path.Combine(dataDirectory, FileName));

    /// <summary>Creates the file with mode 0600 from the start, so it is never readable by others.</summary>
    internal static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
