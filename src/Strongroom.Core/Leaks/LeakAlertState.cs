namespace Strongroom.Core.Leaks;

public enum LeakAlertState
{
    Open,
    Resolved,
    FalsePositive,
    RevokedElsewhere,
}
