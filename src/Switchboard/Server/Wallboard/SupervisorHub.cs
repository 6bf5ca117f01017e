using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Switchboard.Server.Security;

namespace Switchboard.Server.Wallboard;

/// <summary>
/// The wallboard at <c>/hubs/supervisor</c> (or <c>?client=ID</c> for one client's queues): the whole board on joining,
/// then each queue and agent as it changes, a few times a second at most. A client viewer joins its own client's board
/// whatever it names (another client's is refused by <see cref="Policies.Wallboard"/>) and sees queues only.
/// </summary>
[Authorize(Policy = Policies.Wallboard)]
internal sealed class SupervisorHub(WallboardFeed wallboard) : Hub<ISupervisorClient>
{
    public override async Task OnConnectedAsync()
    {
        var named = Context.GetHttpContext()?.Request.Query[OwnClientRequirement.QueryParameter].ToString();
        var scope = Context.User?.DataScope();
        // The policy refuses another client's board at the endpoint already; a connection that got here anyway sees nothing.
        var (group, client) = WallboardFeed.AudienceOf(scope, named) ?? throw new HubException("This board is not yours to see.");

        // Join before reading: a change committed in between is pushed as well as read (at least once).
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        await Clients.Caller.Wallboard(await wallboard.ReadAsync(client, staff: scope!.Staff, Context.ConnectionAborted));
    }
}
