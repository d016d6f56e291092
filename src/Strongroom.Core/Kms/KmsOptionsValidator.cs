using Microsoft.Extensions.Options;

namespace Strongroom.Core.Kms;

/// <summary>
/// Checks <see cref="KmsOptions"/> at start: the provider must be registered, and the
/// <c>pkcs11</c> provider needs a module path, token label, PIN and key label.
/// </summary>
public sealed class KmsOptionsValidator : IValidateOptions<KmsOptions>
{
    private readonly IReadOnlyList<KmsProviderRegistration> _registrations;

    /// <summary>Creates the validator over the registered providers.</summary>
    public KmsOptionsValidator(IEnumerable<KmsProviderRegistration> registrations)
    {
        _registrations = [.. registrations];
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var provider = options.Provider?.Trim() ?? "";
        if (!_registrations.Any(r => string.Equals(r.Name, provider, StringComparison.OrdinalIgnoreCase)))
        {
            var known = string.Join(", ", _registrations.Select(r => r.Name));
            failures.Add(provider == "pkcs11"
                ? "Kms:Provider is 'pkcs11' but the PKCS#11 provider is not registered (call AddPkcs11Kms())."
                : $"Kms:Provider '{provider}' is not one of: {known}.");
        }

        if (string.Equals(provider, "pkcs11", StringComparison.OrdinalIgnoreCase))
        {
            var p = options.Pkcs11;
            if (string.IsNullOrWhiteSpace(p.ModulePath))
            {
                failures.Add("Kms:Pkcs11:ModulePath is required.");
            }

            if (string.IsNullOrWhiteSpace(p.TokenLabel))
            {
                failures.Add("Kms:Pkcs11:TokenLabel is required.");
            }

            if (string.IsNullOrEmpty(p.Pin))
            {
                failures.Add("Kms:Pkcs11:Pin is required.");
            }

            if (string.IsNullOrWhiteSpace(p.KeyLabel))
            {
                failures.Add("Kms:Pkcs11:KeyLabel is required.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
