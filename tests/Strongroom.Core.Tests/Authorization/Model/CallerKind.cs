namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>Who makes a generated request: nobody, a person's session, or a token of one kind.</summary>
public enum CallerKind
{
    Anonymous,
    Session,
    FineGrained,
    ClassicRead,
    ClassicWrite,
    Workload,
    Runner,
}
