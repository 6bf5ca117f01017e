using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Switchboard.Server.Web;

/// <summary>
/// Who is signed in on this Blazor circuit. A circuit outlives the request that opened it, and <c>IHttpContextAccessor</c>
/// is not reliable inside one, so the data scope of a <c>SwitchboardDb</c> made in a circuit's scope is read from here
/// (see <c>SecuritySetup</c>): a client viewer's screens see only their own client's rows.
/// </summary>
internal sealed class CircuitUser(AuthenticationStateProvider authentication) : CircuitHandler, IDisposable
{
    private bool subscribed;

    /// <summary>The circuit's user; null outside a circuit (in a request, a hub call or background work).</summary>
    public ClaimsPrincipal? User { get; private set; }

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        User = (await authentication.GetAuthenticationStateAsync()).User;
        authentication.AuthenticationStateChanged += Changed;
        subscribed = true;
    }

    public void Dispose()
    {
        if (subscribed)
        {
            authentication.AuthenticationStateChanged -= Changed;
        }
    }

    private async void Changed(Task<AuthenticationState> state)
    {
        try
        {
            User = (await state).User;
        }
        catch (InvalidOperationException)
        {
            // A state that cannot be read is no user at all: the scope falls to nothing rather than to everything.
            User = new ClaimsPrincipal(new ClaimsIdentity());
        }
    }
}
