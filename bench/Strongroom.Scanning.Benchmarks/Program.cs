using BenchmarkDotNet.Running;
using Strongroom.Scanning.Benchmarks;

// `probe DIR` counts pattern runs per rule over a directory (which keywords are too common);
// `walk DIR...` times the file listing alone; `match IGNOREFILE DIR` one ignore file's matching alone;
// anything else runs BenchmarkDotNet.
if (args.Length == 1 && args[0] == "regexcost")
{
    RegexCostProbe.Run();
    return;
}

if (args.Length == 2 && args[0] == "prefilter")
{
    PrefilterProbe.Run(args[1]);
    return;
}

if (args.Length == 3 && args[0] == "match")
{
    MatchProbe.Run(args[1], args[2]);
    return;
}

if (args.Length >= 2 && args[0] == "walk")
{
    WalkProbe.Run(args[1..]);
    return;
}

if (args.Length == 2 && args[0] == "probe")
{
    KeywordProbe.Run(args[1]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
