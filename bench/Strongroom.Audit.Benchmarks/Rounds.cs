using System.Globalization;

namespace Strongroom.Audit.Benchmarks;

/// <summary>
/// The rounds of both audit benchmarks: round 0 warms up, uncounted and twice as long (the JIT was still busy
/// in the first round after a warm-up of one run's length); then each round runs the chain-on and chain-off
/// sides in turn, on first in odd rounds and off first in even ones, so whatever a run leaves behind (its
/// garbage, its database's vacuum) falls on each side alike.
/// </summary>
internal static class Rounds
{
    public static string Name(int round) => round == 0 ? "warm-up" : "round " + round.ToString(CultureInfo.InvariantCulture);

    public static int Seconds(int round, int seconds) => round == 0 ? 2 * seconds : seconds;

    /// <summary><paramref name="sides"/> (chain on first) in this round's order.</summary>
    public static IEnumerable<T> InTurn<T>(IReadOnlyList<T> sides, int round) => round % 2 == 1 ? sides : sides.Reverse();
}
