using Strongroom.Core.Hub;

namespace Strongroom.Core.Tests.Hub;

public sealed class OrgRolesTests
{
    [Fact]
    public void ToWord_EveryRole_ParsesBackToItself()
    {
        foreach (var role in Enum.GetValues<OrgRole>())
        {
            Assert.True(OrgRoles.TryParse(role.ToWord(), out var parsed));
            Assert.Equal(role, parsed);
        }
    }

    [Fact]
    public void ToWord_AValueOutsideTheEnum_Throws_InsteadOfGuessingRead() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((OrgRole)99).ToWord());
}
