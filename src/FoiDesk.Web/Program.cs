using FoiDesk.Web.Cli;
using FoiDesk.Web.Hosting;

// One binary: with a verb it is the operator CLI (ops/foidesk VERB ...); with 'serve' or nothing it is the web host.
using var cts = new CancellationTokenSource();
if (args.Length == 0 || args[0] == "serve")
{
    // The host handles SIGTERM and Ctrl-C itself: it stops the scheduler, then the private cluster.
    return await WebHost.RunAsync(args.Length > 0 ? args[1..] : args, cts.Token);
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await CliDispatcher.RunAsync(args, CliServices.BuildAsync, Console.Out, Console.Error, cts.Token);
