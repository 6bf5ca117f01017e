using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Switchboard.Tests.Server.Realtime;

/// <summary>A hub connection to the in-memory server that collects what the server pushes, to be read in order.</summary>
internal sealed class HubInbox : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Channel<(string Name, JsonElement Body)> inbox = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Name, JsonElement Body)> seen = new();

    private HubInbox(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <summary>Connects to <paramref name="path"/> (with its query) with an API token, listening for <paramref name="messages"/>.</summary>
    public static async Task<HubInbox> OpenAsync(TestApp app, string path, string token, IEnumerable<string> messages)
    {
        var hub = new HubInbox(Build(app, path, token));
        foreach (var name in messages)
        {
            hub.Connection.On<JsonElement>(name, body =>
            {
                hub.seen.Enqueue((name, body));
                hub.inbox.Writer.TryWrite((name, body));
            });
        }

        await hub.Connection.StartAsync();
        return hub;
    }

    /// <summary>The next message of that name (and matching, if given), skipping others; fails after <see cref="Patience"/>.</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (got, body) = await inbox.Reader.ReadAsync(timeout.Token);
            if (got == name && (match is null || match(body)))
            {
                return body;
            }
        }
    }

    /// <summary>Every message received so far, in order, whether or not <see cref="NextAsync"/> has read past it.</summary>
    public IReadOnlyList<(string Name, JsonElement Body)> Seen => [.. seen];

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    /// <summary>A connection over long polling through the test server's handler, sending the token as SignalR clients do.</summary>
    public static HubConnection Build(TestApp app, string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
}
