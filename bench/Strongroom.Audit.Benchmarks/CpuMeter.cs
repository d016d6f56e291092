using System.Diagnostics;
using System.Globalization;

namespace Strongroom.Audit.Benchmarks;

/// <summary>
/// CPU time spent by this process (the server) and by PostgreSQL's processes on this machine (read from
/// <c>/proc</c>; zero elsewhere or on SQLite), so that a run can say where each request's CPU went: on two
/// cores shared by wrk, the server and the database, throughput follows CPU per request.
/// </summary>
internal readonly record struct CpuMeter(TimeSpan Server, TimeSpan Database)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    public static CpuMeter Now() => new(Process.GetCurrentProcess().TotalProcessorTime, DatabaseTime());

    public static CpuMeter operator -(CpuMeter after, CpuMeter before) => new(after.Server - before.Server, after.Database - before.Database);

    /// <summary>Microseconds of CPU per request, the server's and the database's.</summary>
    public string PerRequest(double requests) => string.Create(CultureInfo.InvariantCulture,
        $"CPU/request server {Server.TotalMicroseconds / requests:N0} µs, database {Database.TotalMicroseconds / requests:N0} µs");

    private static TimeSpan DatabaseTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // pid (comm) state ppid ... utime is field 14, stime 15; comm may hold spaces, so split after its ')'.
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(stat.IndexOf('(') + 1).StartsWith("postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while it was read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
