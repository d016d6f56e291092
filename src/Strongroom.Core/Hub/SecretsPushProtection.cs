namespace Strongroom.Core.Hub;

/// <summary>
/// What a repository does with a write whose new content holds a third-party secret (a live token of ours
/// is refused whatever this says): refuse it unless the writer gives a bypass reason, accept it with a
/// warning, or accept it silently.
/// </summary>
public enum SecretsPushProtection
{
    Block,
    Warn,
    Off,
}
