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

/// <summary>
/// Each counted round's chain-on / chain-off rate, per kind of run, and at the end their median and mean: on a
/// shared machine one round's ratio can swing by a tenth either way, so the verdict is the rounds' middle.
/// </summary>
internal sealed class Ratios
{
    private readonly SortedDictionary<string, SortedDictionary<int, (double? On, double? Off)>> _rates = new(StringComparer.Ordinal);

    public void Add(string kind, int round, bool chain, double rate)
    {
        if (round == 0)
        {
            return; // the warm-up is not counted
        }

        var rounds = _rates.TryGetValue(kind, out var found) ? found : _rates[kind] = [];
        var (on, off) = rounds.GetValueOrDefault(round);
        rounds[round] = chain ? (rate, off) : (on, rate);
    }

    public void Print()
    {
        foreach (var (kind, rounds) in _rates)
        {
            var ratios = rounds.Values.Where(r => r is { On: not null, Off: > 0 }).Select(r => r.On!.Value / r.Off!.Value).ToList();
            if (ratios.Count == 0)
            {
                continue;
            }

            var sorted = ratios.Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"on/off {kind}: {string.Join(" / ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}; median {median:0.00}, mean {ratios.Average():0.00}"));
        }
    }
}
