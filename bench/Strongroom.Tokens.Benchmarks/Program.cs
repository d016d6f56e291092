using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Strongroom.Tokens.Benchmarks.VerifyTokenBenchmarks).Assembly).Run(args);
