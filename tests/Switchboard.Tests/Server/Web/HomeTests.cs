using Bunit;
using Switchboard.Persistence.Security;
using Switchboard.Server.Security;
using Switchboard.Server.Web;

namespace Switchboard.Tests.Server.Web;

/// <summary>The start page says who is signed in, in which roles, and for which client.</summary>
public class HomeTests
{
    [Fact]
    public void Home_ForAClientViewer_NamesTheRoleAndTheClient()
    {
        using var context = new BunitContext();
        var user = context.AddAuthorization();
        user.SetAuthorized("viewer");
        user.SetRoles(Roles.ClientViewer);
        user.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Email, "viewer@client.example"), new System.Security.Claims.Claim(SwitchboardClaims.Client, "acme"));

        var home = context.Render<Home>();

        Assert.Contains("viewer@client.example", home.Find("p").TextContent, StringComparison.Ordinal);
        Assert.Contains("(client-viewer), for client acme.", home.Find("p").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Home_ForStaff_NamesEveryRoleAndNoClient()
    {
        using var context = new BunitContext();
        var user = context.AddAuthorization();
        user.SetAuthorized("lead");
        user.SetRoles(Roles.Supervisor, Roles.Agent);
        user.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Email, "lead@centre.example"));

        var home = context.Render<Home>();

        Assert.Contains("(supervisor, agent).", home.Find("p").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("for client", home.Markup, StringComparison.Ordinal);
    }
}
