using System.Reflection;
using Xunit.Sdk;

namespace Strongroom.Kms.Tests;

/// <summary>
/// Theory data row <c>"pkcs11"</c>, skipped with a reason when no SoftHSM2 token is configured
/// outside CI (see <see cref="Pkcs11TestEnvironment"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class Pkcs11ProviderAttribute : DataAttribute
{
    public Pkcs11ProviderAttribute()
    {
        Skip = Pkcs11TestEnvironment.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[KmsTestContext.Pkcs11]];
}
