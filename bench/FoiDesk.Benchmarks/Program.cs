using BenchmarkDotNet.Running;

// Benchmarks compare FoiDesk against a peer measured in the same run; see docs/ for recorded figures.
// web-load and sql-load are the closed-loop load client of ops/bench-web (not BenchmarkDotNet).
if (args.Length > 0 && args[0] is "web-load" or "sql-load")
{
    return await FoiDesk.Benchmarks.WebLoad.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
