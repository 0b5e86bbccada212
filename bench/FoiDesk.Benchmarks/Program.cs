using BenchmarkDotNet.Running;

// Benchmarks compare FoiDesk against a peer measured in the same run; see docs/ for recorded figures.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
