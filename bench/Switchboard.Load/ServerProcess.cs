using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchboard.Load;

/// <summary>
/// A <c>switchboard</c> process on loopback, started from the built <c>switchboard.dll</c>: how long it took to become
/// ready, the replay its routing domain logged, and its CPU time (so load-generator CPU on the same cores can be told apart).
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly TaskCompletionSource<(long Events, TimeSpan Took)> loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    /// <summary>From starting the process to the first healthy <c>/health/ready</c>.</summary>
    public TimeSpan StartToReady { get; private set; }

    /// <summary>CPU time (user and kernel) the server has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The server's resident memory now (VmRSS), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>The replay the routing domain logged at start (<c>RoutingDomain.LastLoad</c>): events and time taken.</summary>
    public Task<(long Events, TimeSpan Took)> Loaded => loaded.Task;

    /// <summary>Runs <c>switchboard ARGS</c> to the end (for <c>admin</c>); returns its standard output lines.</summary>
    public static async Task<string[]> RunToEndAsync(LoadSettings settings, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(settings, args, environment)) ?? throw new InvalidOperationException("Cannot start switchboard.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"switchboard {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        }

        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Starts <c>switchboard serve</c> and waits until it answers ready.</summary>
    public static async Task<ServerProcess> StartAsync(LoadSettings settings, IEnumerable<string> storageArgs, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{settings.Port}");
        var clock = Stopwatch.StartNew();
        var process = Process.Start(StartInfo(settings, ["serve", "--urls", address.ToString().TrimEnd('/'), .. storageArgs], environment))
            ?? throw new InvalidOperationException("Cannot start switchboard.");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, line) => server.Read(line.Data);
        process.ErrorDataReceived += (_, line) => server.Read(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"switchboard serve exited with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, server.Output)}");
            }

            try
            {
                using var ready = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy replaying.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("switchboard serve was not ready within five minutes.");
            }

            await Task.Delay(5);
        }

        server.StartToReady = clock.Elapsed;
        return server;
    }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    /// <summary>Ends the process at once, as a crash would (SIGKILL: no shutdown, no flush).</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Count < 2000)
            {
                output.Add(line);
            }
        }

        if (LoadedLine().Match(line) is { Success: true } match)
        {
            // The whole line carries the server's phase breakdown (log, engine, read models); echo it for the restart report.
            Console.Error.WriteLine(line.Trim());
            loaded.TrySetResult((long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                TimeSpan.FromMilliseconds(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))));
        }
    }

    private static ProcessStartInfo StartInfo(LoadSettings settings, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(settings.ServerAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Console logs in plain lines, so the replay line can be read back.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        // One token stands for every agent desktop and channel adapter here; the per-user limit (2,000 requests/s by
        // default) would otherwise measure the limiter. --env Switchboard__RateLimits__RequestsPerSecond=N overrides.
        start.Environment["Switchboard__RateLimits__RequestsPerSecond"] = "1000000";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    [GeneratedRegex(@"Routing domain \S+ loaded (\d+) events in ([\d.]+) ms")]
    private static partial Regex LoadedLine();
}
