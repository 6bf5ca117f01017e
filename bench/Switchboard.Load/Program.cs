using System.Net.Http.Headers;
using Switchboard.Load;

// Load generator for `switchboard serve` (bench/README.md, "Server load"). Modes:
//   lifecycles  complete contact lifecycles per second and latency percentiles, after a warm-up
//   restart     fill the log to --events, kill the server with SIGKILL, restart --runs times: start-to-ready and replay time
//   chat        --conversations web chats open at once with --agents agents: message delivery, memory, wallboard lag
//   email       --emails messages waiting in a mailbox (real Postfix and Dovecot): intake from IMAP into cases per second
LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (ArgumentException bad)
{
    await Console.Error.WriteLineAsync("Switchboard.Load: " + bad.Message);
    return 2;
}

await using var storage = await LoadStorage.CreateAsync(settings);
var token = await storage.AdministratorTokenAsync();
if (settings.Mode == "chat" && !settings.Environment.ContainsKey("Switchboard__RateLimits__RequestsPerSecond"))
{
    // A thousand customers come from a thousand addresses, not from this one loopback address: lift the per-address limit.
    settings = settings with { Environment = new Dictionary<string, string>(settings.Environment) { ["Switchboard__RateLimits__RequestsPerSecond"] = "1000000" } };
}

// The email mode's mail system runs before the server, whose outgoing mail (acknowledgements) goes through it.
await using var mail = settings.Mode == "email" ? await Switchboard.Tests.Server.Email.MailServers.StartAsync() : null;
if (mail is not null)
{
    settings = settings with
    {
        Environment = new Dictionary<string, string>(settings.Environment)
        {
            ["Switchboard__Mail__Host"] = "127.0.0.1",
            ["Switchboard__Mail__Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Switchboard__Mail__Sender"] = EmailLoad.Support,
        },
    };
}

var server = await ServerProcess.StartAsync(settings, storage.Arguments, settings.Environment);
try
{
    // One keep-alive HTTP/1.1 connection per customer, as many agent desktops and channel adapters would hold.
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Customers + 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = ILoadConnection.Timeout };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    // Seeding and the server's /metrics go through HttpClient either way; only the customers' lifecycles use --client.
    if (settings.Mode == "chat")
    {
        var chat = await new ChatLoad(http, settings, server, token).RunAsync();
        Console.WriteLine(settings.Json ? chat.ToJson() : chat.ToTable());
        return chat.Failures.Count == 0 ? 0 : 1;
    }

    if (mail is not null)
    {
        var email = await new EmailLoad(http, settings, mail).RunAsync();
        Console.WriteLine(settings.Json ? email.ToJson() : email.ToTable());
        return 0;
    }

    var connect = settings.Client == "raw" ? RawConnection.To(server.Address, token) : () => new HttpClientConnection(http);
    var load = new LifecycleLoad(http, settings, connect);
    await load.SeedAsync();

    if (settings.Mode == "lifecycles")
    {
        var report = await load.MeasureAsync(server);
        Console.WriteLine(settings.Json ? report.ToJson() : report.ToTable());
        return report.Failures.Count == 0 ? 0 : 1;
    }

    var stored = await load.FillLogAsync(server, settings.Events);
    var ready = new List<double>();
    var replay = new List<double>();
    long replayed = 0;
    for (var run = 0; run < settings.Runs; run++)
    {
        await server.KillAsync();
        await server.DisposeAsync();
        server = await ServerProcess.StartAsync(settings, storage.Arguments, settings.Environment);
        var loaded = await server.Loaded.WaitAsync(TimeSpan.FromSeconds(10));
        ready.Add(Math.Round(server.StartToReady.TotalSeconds, 3));
        replay.Add(Math.Round(loaded.Took.TotalSeconds, 3));
        replayed = loaded.Events;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    var restart = new RestartReport(settings.Database, stored, ready, replay, Median(ready), Median(replay), replayed);
    Console.WriteLine(settings.Json ? restart.ToJson() : restart.ToTable());
    return 0;
}
finally
{
    await server.DisposeAsync();
}
