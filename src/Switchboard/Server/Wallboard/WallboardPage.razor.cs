using System.Threading.Channels;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Switchboard.Server.Security;

namespace Switchboard.Server.Wallboard;

/// <summary>
/// The supervisor wallboard at <c>/wallboard</c> (<c>?client=ID</c> for one client's queues): the same board and the
/// same audience as <see cref="SupervisorHub"/> gives, read from <see cref="WallboardFeed"/> whenever it pushes to that
/// audience (a few times a second at most), with waits and times in presence ticking every second in between.
/// </summary>
public sealed partial class WallboardPage : IAsyncDisposable
{
    // A re-read already due covers any number of changes meanwhile: one slot, further signals dropped.
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource closing = new();
    private IDisposable? listening;
    private Task? refreshing;
    private Task? ticking;
    private WallboardView? board;
    private DateTimeOffset now;
    private bool staff;
    private string? client;
    private bool refused;
    private string? problem;

    [Inject]
    private WallboardFeed Feed { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<WallboardPage> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>The client whose queues to show (staff only; a client viewer always sees its own).</summary>
    [SupplyParameterFromQuery(Name = OwnClientRequirement.QueryParameter)]
    public string? Client { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Prerendering has no circuit to push to: listen only once the page is interactive.
        if (!firstRender)
        {
            return;
        }

        var scope = (await Authentication).User.DataScope();
        if (WallboardFeed.AudienceOf(scope, Client) is not { } audience)
        {
            refused = true;
            StateHasChanged();
            return;
        }

        (staff, client) = (scope.Staff, audience.Client);
        // Listen before the first read: a change committed in between is read again rather than missed.
        listening = Feed.Listen(audience.Group, () => changes.Writer.TryWrite(true));
        changes.Writer.TryWrite(true);
        refreshing = RefreshAsync(closing.Token);
        ticking = TickAsync(closing.Token);
    }

    private async Task RefreshAsync(CancellationToken stop)
    {
        try
        {
            while (await changes.Reader.WaitToReadAsync(stop))
            {
                changes.Reader.TryRead(out _);
                try
                {
                    var read = await Feed.ReadAsync(client, staff, stop);
                    await InvokeAsync(() =>
                    {
                        (board, problem, now) = (read, null, Time.GetUtcNow());
                        StateHasChanged();
                    });
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A routing domain restarting, say: say so on the board and read again shortly.
                    LogReadFailed(Logger, error);
                    await InvokeAsync(() =>
                    {
                        problem = "The board could not be read just now; trying again.";
                        StateHasChanged();
                    });
                    await Task.Delay(TimeSpan.FromSeconds(1), Time, stop);
                    changes.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await InvokeAsync(() =>
                {
                    now = Time.GetUtcNow();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        listening?.Dispose();
        await closing.CancelAsync();
        foreach (var task in (Task?[])[refreshing, ticking])
        {
            if (task is not null)
            {
                await task;
            }
        }

        closing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wallboard page could not read the board; retrying.")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}
