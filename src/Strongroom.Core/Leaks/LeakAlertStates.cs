namespace Strongroom.Core.Leaks;

/// <summary>The words the API uses for <see cref="LeakAlertState"/>: <c>open</c>, <c>resolved</c>, <c>false-positive</c>, <c>revoked-elsewhere</c>.</summary>
public static class LeakAlertStates
{
    public static readonly IReadOnlyList<string> Words = ["open", "resolved", "false-positive", "revoked-elsewhere"];

    public static string ToWord(this LeakAlertState state) => Words[(int)state];

    public static bool TryParse(string? word, out LeakAlertState state)
    {
        var index = word is null ? -1 : Words.ToList().IndexOf(word);
        state = index < 0 ? default : (LeakAlertState)index;
        return index >= 0;
    }
}
