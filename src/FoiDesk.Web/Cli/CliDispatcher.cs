namespace FoiDesk.Web.Cli;

/// <summary>
/// Finds the verb named by the leading words of the command line and runs it with the exit-code contract.
/// </summary>
public static class CliDispatcher
{
    /// <summary>Every verb, gathered from each capability's own verb file.</summary>
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        .. FoundationVerbs.All,
        .. DeadlineVerbs.All,
        .. QuestionVerbs.All,
        .. MailVerbs.All,
        .. IntakeVerbs.All,
        .. LetterVerbs.All,
        .. SocialValueVerbs.All,
        .. HolidayVerbs.All,
        .. ReportVerbs.All,
        .. CostLimitVerbs.All,
        .. RetentionVerbs.All,
        .. IcoVerbs.All,
    ];

    /// <param name="args">The whole command line.</param>
    /// <param name="services">Builds the service provider a verb runs with (database ones start the cluster).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Func<bool, CancellationToken, Task<(IServiceProvider Services, IAsyncDisposable Lifetime)>> services,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken ct)
    {
        var found = Find(args);
        if (found is null)
        {
            await stderr.WriteLineAsync($"foidesk: unknown verb '{string.Join(' ', args)}'; try 'ops/foidesk help'");
            return 2;
        }

        var (verb, rest) = found.Value;
        try
        {
            var (provider, lifetime) = await services(verb.NeedsDatabase, ct);
            await using (lifetime)
            {
                var context = new CliContext
                {
                    RawArgs = rest,
                    Out = stdout,
                    Error = stderr,
                    Services = provider,
                    Cancellation = ct,
                };
                return await verb.Run(context);
            }
        }
        catch (CliUsageException e)
        {
            await stderr.WriteLineAsync($"foidesk {verb.Path}: {e.Message}");
            await stderr.WriteLineAsync($"usage: ops/foidesk {verb.Path} {verb.Usage}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"foidesk {verb.Path}: cancelled");
            return 1;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"foidesk {verb.Path}: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    private static (CliVerb Verb, string[] Remaining)? Find(IReadOnlyList<string> args)
    {
        (CliVerb, string[])? best = null;
        var bestLength = 0;
        foreach (var verb in All)
        {
            var words = verb.Path.Split(' ');
            if (words.Length > args.Count || words.Length <= bestLength)
            {
                continue;
            }

            if (words.Select((w, i) => string.Equals(w, args[i], StringComparison.Ordinal)).All(x => x))
            {
                best = (verb, args.Skip(words.Length).ToArray());
                bestLength = words.Length;
            }
        }

        return best;
    }
}
