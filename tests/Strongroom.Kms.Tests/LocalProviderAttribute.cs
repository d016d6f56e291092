using System.Reflection;
using Xunit.Sdk;

namespace Strongroom.Kms.Tests;

/// <summary>
/// Theory data row <c>"local"</c>. Paired with <see cref="Pkcs11ProviderAttribute"/> on the same
/// theory, a contract test is written once and runs against both providers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LocalProviderAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[KmsTestContext.Local]];
}
