namespace Strongroom.Core.Hub;

/// <summary>The kinds of repository on the hub.</summary>
public enum RepoType
{
    Model = 1,
    Dataset = 2,
    Space = 3,
}
