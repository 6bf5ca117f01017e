using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Switchboard.Server.Security;

namespace Switchboard.Server.Wallboard;

/// <summary>
/// The supervisor's wallboard at <c>/hubs/supervisor</c> (or <c>?client=ID</c> for one client's queues): the whole board
/// on joining, then each queue and agent as it changes, a few times a second at most.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
internal sealed class SupervisorHub(WallboardFeed wallboard) : Hub<ISupervisorClient>
{
    public override async Task OnConnectedAsync()
    {
        var client = Context.GetHttpContext()?.Request.Query["client"].ToString();
        client = string.IsNullOrEmpty(client) ? null : client;
        // Join before reading: a change committed in between is pushed as well as read (at least once).
        await Groups.AddToGroupAsync(Context.ConnectionId, client is null ? WallboardFeed.AllGroup : WallboardFeed.ClientGroup(client), Context.ConnectionAborted);
        await Clients.Caller.Wallboard(await wallboard.ReadAsync(client, Context.ConnectionAborted));
    }
}
