using FoiDesk.Web.Cli;

// One binary: with a verb it is the operator CLI (ops/foidesk VERB ...); with 'serve' or nothing it is the web host.
if (args.Length > 0 && args[0] != "serve")
{
    using var cts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
    return await CliDispatcher.RunAsync(args, CliServices.BuildAsync, Console.Out, Console.Error, cts.Token);
}

var builder = WebApplication.CreateBuilder(args.Length > 0 ? args[1..] : args);
var app = builder.Build();
app.MapGet("/", () => "FoiDesk");
await app.RunAsync();
return 0;
