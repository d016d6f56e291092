namespace Strongroom.Kms.Tests;

/// <summary>A fact that needs the SoftHSM2 token; skipped outside CI when it is not configured.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class Pkcs11FactAttribute : FactAttribute
{
    public Pkcs11FactAttribute()
    {
        Skip = Pkcs11TestEnvironment.SkipReason;
    }
}
