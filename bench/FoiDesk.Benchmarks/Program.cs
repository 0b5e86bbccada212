using BenchmarkDotNet.Running;

// Benchmarks compare FoiDesk against a peer measured in the same run; see docs/ for recorded figures.
// web-load and sql-load are the closed-loop load client of ops/bench-web (not BenchmarkDotNet).
// large-message measures peak managed memory ingesting a 50 MB attachment (ops/bench-large-message).
// generate fills a database with synthetic cases for ops/bench-web (kept here, out of the product).
if (args.Length > 0 && args[0] == "generate")
{
    return await FoiDesk.Benchmarks.GenerateCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "large-message")
{
    return await FoiDesk.Benchmarks.LargeMessageCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] is "web-load" or "sql-load")
{
    return await FoiDesk.Benchmarks.WebLoad.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
