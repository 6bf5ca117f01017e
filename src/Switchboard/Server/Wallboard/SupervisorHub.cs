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
        named = string.IsNullOrEmpty(named) ? null : named;
        var scope = Context.User?.DataScope();
        string group;
        string? client;
        if (scope is { Staff: true })
        {
            (group, client) = (named is null ? WallboardFeed.AllGroup : WallboardFeed.ClientGroup(named), named);
        }
        else if (scope?.Client is { Length: > 0 } own && (named is null || named == own))
        {
            (group, client) = (WallboardFeed.ViewerGroup(own), own);
        }
        else
        {
            // The policy refuses this at the endpoint already; a connection that got here anyway sees nothing.
            throw new HubException("This board is not yours to see.");
        }

        // Join before reading: a change committed in between is pushed as well as read (at least once).
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        await Clients.Caller.Wallboard(await wallboard.ReadAsync(client, staff: scope.Staff, Context.ConnectionAborted));
    }
}
