namespace Strongroom.Server.Hosting;

/// <summary>
/// Says that content became public (a repository was made public), so that the leak sweep looks at it now
/// rather than at its next interval. The repositories slice raises it and the sweep waits on it, neither
/// knowing the other.
/// </summary>
public sealed class PublicContentSignal
{
    /// <summary>What the sweep sleeps on between passes.</summary>
    public WakeSignal Signal { get; } = new();

    public void Raise() => Signal.Wake();
}
