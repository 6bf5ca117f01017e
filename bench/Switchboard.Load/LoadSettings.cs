using System.Globalization;

namespace Switchboard.Load;

/// <summary>What to run: the command line of <c>Switchboard.Load</c>.</summary>
internal sealed record LoadSettings
{
    public const string DefaultPostgres = "Host=127.0.0.1;Database=switchboard;Username=switchboard;Password=switchboard";

    /// <summary><c>lifecycles</c> (throughput and latency), <c>restart</c> (crash and replay time), <c>chat</c> (web chat under load)
    /// or <c>email</c> (email intake from IMAP into cases).</summary>
    public string Mode { get; init; } = "lifecycles";

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Database { get; init; } = "sqlite";

    /// <summary>A PostgreSQL connection allowed to create databases; each run gets a fresh one, dropped afterwards.</summary>
    public string PostgresAdmin { get; init; } = DefaultPostgres;

    /// <summary>Agents signed in (at least <see cref="Customers"/>, so every new contact is offered at once).</summary>
    public int Agents { get; init; } = 200;

    /// <summary>Virtual customers, each running one lifecycle after another (the number of lifecycles in flight).</summary>
    public int Customers { get; init; } = 64;

    /// <summary>For <c>chat</c>: conversations open at the same time.</summary>
    public int Conversations { get; init; } = 1000;

    /// <summary>For <c>chat</c>: messages each customer sends (each answered by the agent), a 1–3 s think time apart.</summary>
    public int MessagesPerConversation { get; init; } = 5;

    /// <summary>For <c>chat</c>: conversations run first with their own agents and queue, and not measured, so the
    /// measured ones meet a server whose JIT has tiered up the chat paths (as a server running for days has).</summary>
    public int WarmUpConversations { get; init; } = 300;

    /// <summary>For <c>email</c>: messages waiting in the mailbox when its reader starts.</summary>
    public int Emails { get; init; } = 1000;

    /// <summary>Time measured after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time run first and not measured (JIT, connection pools, caches).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>For <c>restart</c>: events in the log before the server is killed.</summary>
    public long Events { get; init; } = 100_000;

    /// <summary>For <c>restart</c>: kill-and-restart rounds (the median is reported).</summary>
    public int Runs { get; init; } = 3;

    public int Port { get; init; } = 5731;

    /// <summary>The built server, <c>switchboard.dll</c>.</summary>
    public string ServerAssembly { get; init; } = DefaultServerAssembly();

    /// <summary>Extra environment for the server (<c>--env NAME=VALUE</c>), e.g. <c>DOTNET_TieredPGO=0</c> to compare.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public bool Json { get; init; }

    /// <summary>
    /// How the customers talk to the server: <c>raw</c> (default; one socket each, hand-written HTTP/1.1, see
    /// <see cref="RawConnection"/>) or <c>http</c> (.NET <see cref="HttpClient"/>, see <see cref="HttpClientConnection"/>).
    /// </summary>
    public string Client { get; init; } = "raw";

    public bool IsPostgres => Database == "postgres";

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static LoadSettings Parse(string[] args)
    {
        var settings = new LoadSettings();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            settings = settings with { Mode = args[0] is "lifecycles" or "restart" or "chat" or "email" ? args[0] : throw new ArgumentException($"Unknown mode '{args[0]}': lifecycles, restart, chat or email.") };
            i = 1;
        }

        for (; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--json")
            {
                settings = settings with { Json = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[++i];
            settings = name switch
            {
                "--database" => settings with { Database = value is "sqlite" or "postgres" ? value : throw new ArgumentException("--database is sqlite or postgres.") },
                "--client" => settings with { Client = value is "raw" or "http" ? value : throw new ArgumentException("--client is raw or http.") },
                "--postgres" => settings with { PostgresAdmin = value },
                "--agents" => settings with { Agents = Positive(name, value) },
                "--customers" => settings with { Customers = Positive(name, value) },
                "--seconds" => settings with { Duration = TimeSpan.FromSeconds(Positive(name, value)) },
                "--warmup" => settings with { WarmUp = TimeSpan.FromSeconds(int.TryParse(value, CultureInfo.InvariantCulture, out var w) && w >= 0 ? w : throw new ArgumentException("--warmup is a number of seconds.")) },
                "--events" => settings with { Events = Positive(name, value) },
                "--conversations" => settings with { Conversations = Positive(name, value) },
                "--messages" => settings with { MessagesPerConversation = Positive(name, value) },
                "--warmup-conversations" => settings with { WarmUpConversations = int.TryParse(value, CultureInfo.InvariantCulture, out var c) && c >= 0 ? c : throw new ArgumentException("--warmup-conversations is a number of conversations (0: none).") },
                "--emails" => settings with { Emails = Positive(name, value) },
                "--runs" => settings with { Runs = Positive(name, value) },
                "--port" => settings with { Port = Positive(name, value) },
                "--server" => settings with { ServerAssembly = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"No file {value}.") },
                "--env" => WithEnvironment(settings, environment, value),
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        if (settings.Mode is not ("chat" or "email") && settings.Agents < settings.Customers)
        {
            throw new ArgumentException("--agents must be at least --customers, so each new contact finds a free agent.");
        }

        if (!File.Exists(settings.ServerAssembly))
        {
            throw new ArgumentException($"No server at {settings.ServerAssembly}: build src/Switchboard in the same configuration, or pass --server.");
        }

        return settings;
    }

    private static LoadSettings WithEnvironment(LoadSettings settings, Dictionary<string, string> environment, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException("--env takes NAME=VALUE.");
        }

        environment[value[..equals]] = value[(equals + 1)..];
        return settings with { Environment = environment };
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} is a positive whole number.");

    /// <summary>The server built in the same configuration as this tool: <c>artifacts/bin/Switchboard/&lt;config&gt;/switchboard.dll</c>.</summary>
    private static string DefaultServerAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(here.Parent!.Parent!.FullName, "Switchboard", here.Name, "switchboard.dll");
    }
}
