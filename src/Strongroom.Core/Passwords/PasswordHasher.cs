using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Strongroom.Core.Passwords;

/// <summary>Argon2id password hashes in PHC string form (<c>$argon2id$v=19$m=..,t=..,p=..$salt$hash</c>).</summary>
public sealed class PasswordHasher(IOptions<PasswordOptions> options)
{
    private const int SaltLength = 16;
    private const int HashLength = 32;
    private readonly PasswordOptions _options = options.Value;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Compute(password, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={_options.MemoryKiB},t={_options.Iterations},p={_options.Parallelism}"
                + $"${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(hash).TrimEnd('=')}");
    }

    /// <summary>Constant-time check; false for any malformed stored hash.</summary>
    public bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        var parameters = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (!int.TryParse(parameters.GetValueOrDefault("m"), CultureInfo.InvariantCulture, out var memory)
            || !int.TryParse(parameters.GetValueOrDefault("t"), CultureInfo.InvariantCulture, out var iterations)
            || !int.TryParse(parameters.GetValueOrDefault("p"), CultureInfo.InvariantCulture, out var parallelism))
        {
            return false;
        }

        var salt = FromBase64(parts[4]);
        var expected = FromBase64(parts[5]);
        var actual = Compute(password, salt, memory, iterations, parallelism);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Compute(string password, byte[] salt, int memoryKiB, int iterations, int parallelism)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(HashLength);
    }

    private static byte[] FromBase64(string unpadded) =>
        Convert.FromBase64String(unpadded.PadRight(unpadded.Length + ((4 - (unpadded.Length % 4)) % 4), '='));
}
