using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Complaints;

/// <summary>The satisfaction-with-complaint-handling survey: invited on closure, answered once through its link.</summary>
public class ComplaintSurveysTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Survey_ClosedComplaintWithAnAddress_IsInvitedOnce_AndAnsweredOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reference = await ComplaintKpisTests.RegisterAsync(admin, ComplaintKpisTests.Complaint("ann@example.org"));
        var beforeClosure = await admin.GetAsync($"/api/complaints/{reference}/survey");
        await ComplaintKpisTests.HandleToClosureAsync(app, admin, reference, "close-unaccepted");
        var invitation = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");
        var link = invitation.GetProperty("link").GetString()!;
        var token = link.Split('/')[^1];
        var customer = app.Client();

        var shown = await customer.GetFromJsonAsync<JsonElement>($"/api/public/complaint-surveys/{token}");
        var answer = await customer.PostAsJsonAsync($"/api/public/complaint-surveys/{token}", new { satisfaction = 2, comment = " Slow, but fair. " });
        var second = await customer.PostAsJsonAsync($"/api/public/complaint-surveys/{token}", new { satisfaction = 5 });
        await ReopenAndCloseAgainAsync(admin, reference);
        var afterSecondClosure = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");

        Assert.Equal(HttpStatusCode.NotFound, beforeClosure.StatusCode);
        Assert.StartsWith("/complaint-survey/", link, StringComparison.Ordinal);
        Assert.Equal(TestApp.Start.AddHours(5), invitation.GetProperty("invited").GetDateTimeOffset());
        Assert.Equal((reference, false), (shown.GetProperty("reference").GetString(), shown.GetProperty("answered").GetBoolean()));
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(link, afterSecondClosure.GetProperty("link").GetString());
        Assert.Equal((2, "Slow, but fair."), (afterSecondClosure.GetProperty("satisfaction").GetInt32(), afterSecondClosure.GetProperty("comment").GetString()));
    }

    /// <summary>Reopens a closed complaint, which puts it back under investigation, then answers and closes it again.</summary>
    internal static async Task ReopenAndCloseAgainAsync(HttpClient admin, string reference)
    {
        object[] again =
        [
            new { type = "reopen", reason = "Still not refunded." },
            new { type = "propose-response", response = ComplaintsTests.Response },
            new { type = "send-response", response = ComplaintsTests.Response },
            new { type = "close-accepted", rootCause = "billing-error" },
        ];
        foreach (var step in again)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/complaints/{reference}/actions", step)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Survey_BadTokenIs404_BadScoreIs400_AndNoAddressMeansNoInvitation(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var withAddress = await ComplaintKpisTests.RegisterAsync(admin, ComplaintKpisTests.Complaint("ann@example.org"));
        await ComplaintKpisTests.HandleToClosureAsync(app, admin, withAddress);
        var withoutAddress = await ComplaintKpisTests.RegisterAsync(admin, ComplaintKpisTests.Complaint(null));
        await ComplaintKpisTests.HandleToClosureAsync(app, admin, withoutAddress);
        var token = (await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{withAddress}/survey")).GetProperty("link").GetString()!.Split('/')[^1];
        var customer = app.Client();

        var unknown = await customer.PostAsJsonAsync($"/api/public/complaint-surveys/{Guid.NewGuid():N}", new { satisfaction = 3 });
        var garbled = await customer.GetAsync("/api/public/complaint-surveys/not-a-token");
        var tooLow = await customer.PostAsJsonAsync($"/api/public/complaint-surveys/{token}", new { satisfaction = 0 });
        var tooHigh = await customer.PostAsJsonAsync($"/api/public/complaint-surveys/{token}", new { satisfaction = 6 });
        var noInvitation = await admin.GetAsync($"/api/complaints/{withoutAddress}/survey");
        var shown = await customer.GetFromJsonAsync<JsonElement>($"/api/public/complaint-surveys/{token}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, garbled.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noInvitation.StatusCode);
        // Neither refusal stored an answer.
        Assert.False(shown.GetProperty("answered").GetBoolean());
    }

    [Fact]
    public async Task Page_TheCustomersLink_AsksTheQuestionOnce_AndAnUnknownLinkSaysSo()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reference = await ComplaintKpisTests.RegisterAsync(admin, ComplaintKpisTests.Complaint("ann@example.org"));
        await ComplaintKpisTests.HandleToClosureAsync(app, admin, reference);
        var link = (await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey")).GetProperty("link").GetString()!;
        var customer = app.Client();

        var page = await customer.GetStringAsync(link);
        await customer.PostAsJsonAsync("/api/public/complaint-surveys/" + link.Split('/')[^1], new { satisfaction = 5 });
        var afterwards = await customer.GetStringAsync(link);
        var unknown = await customer.GetStringAsync($"/complaint-survey/{Guid.NewGuid():N}");

        Assert.Contains("How satisfied are you with the way we handled your complaint?", page, StringComparison.Ordinal);
        Assert.Contains(reference, page, StringComparison.Ordinal);
        Assert.Contains("your answer about complaint " + reference + " is recorded", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain("How satisfied", afterwards, StringComparison.Ordinal);
        Assert.Contains("We could not find this survey", unknown, StringComparison.Ordinal);
    }
}
