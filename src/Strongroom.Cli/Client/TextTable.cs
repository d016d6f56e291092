using System.Text;

namespace Strongroom.Cli.Client;

/// <summary>A plain left-aligned text table for people; <c>--json</c> is the format for programs.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells.Select(Clean).ToArray());
    }

    public async Task WriteAsync(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        await writer.WriteLineAsync(Line(headers, widths)).ConfigureAwait(false);
        foreach (var row in _rows)
        {
            await writer.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        return line.ToString().TrimEnd();
    }

    private static string Clean(string? cell) => string.IsNullOrEmpty(cell) ? "-" : Printable(cell);

    /// <summary>Server-supplied text (display names, error messages) must not move the cursor or inject terminal escapes.</summary>
    public static string Printable(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
