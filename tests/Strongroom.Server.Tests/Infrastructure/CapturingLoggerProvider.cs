using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>Keeps every log line the server writes (Trace and up), so tests can search them for secrets.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    /// <summary>How many lines have been logged so far, to look only at what comes after.</summary>
    public int Mark() => _lines.Count;

    /// <summary>
    /// The lines logged at Error or Critical since <paramref name="mark"/> (a request the server answered with a
    /// 500 leaves one). From the start, they would include EF Core's probe for its history table on a new database.
    /// </summary>
    public string ErrorText(int mark) => string.Join('\n', _lines.Skip(mark).Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
