using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contracts;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;

namespace Switchboard.Tests.Server.Chat;

/// <summary>The survey after a chat: who is invited (the client's survey policy), what they are offered and may answer.</summary>
public class ChatSurveysTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChatEnd_HandledChat_InvitesWithThePolicysQuestions_AndOffersTheSurveyUntilAnswered(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);
        await PolicyAsync(admin, new { share = 1.0, frequencyCap = "7.00:00:00", questions = new[] { "recommend", "effort" } });

        var (id, chat) = await HandledChatAsync(app, admin);
        var offered = await StateAsync(chat, id);
        var answered = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 5, resolved = true, recommend = 9, effort = 2 });
        var after = await StateAsync(chat, id);

        var invitation = await SingleInvitationAsync(app);
        Assert.Equal((id, "acme", "billing", "ann", 2, (int)SurveyQuestions.All, app.Time.GetUtcNow()),
            (invitation.Contact, invitation.Client, invitation.Queue, invitation.Agent, invitation.Channel, invitation.Questions, invitation.Invited));
        Assert.Equal(("ended", true, true), (offered.GetProperty("state").GetString(), offered.GetProperty("survey").GetProperty("recommend").GetBoolean(), offered.GetProperty("survey").GetProperty("effort").GetBoolean()));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("survey").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChatEnd_CustomerLeftWhileWaiting_NotInvited_AndTheSurveyIsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await ChatApiTests.SeedAsync(app, agentAvailable: false);
        var (id, token, _) = await ChatApiTests.StartAsync(app.Client());
        var chat = ChatApiTests.Customer(app, token);

        Assert.Equal(HttpStatusCode.NoContent, (await chat.PostAsync($"/api/chat/conversations/{id}/end", null)).StatusCode);
        var state = await StateAsync(chat, id);
        var survey = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 1, resolved = false });

        Assert.Equal(("ended", JsonValueKind.Null), (state.GetProperty("state").GetString(), state.GetProperty("survey").ValueKind));
        Assert.Equal(HttpStatusCode.Conflict, survey.StatusCode);
        Assert.Equal(0, await CountInvitationsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChatEnd_ShareZero_HandledChatNotInvited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);
        await PolicyAsync(admin, new { share = 0.0 });

        var (id, chat) = await HandledChatAsync(app, admin);
        var survey = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 4, resolved = true });

        Assert.Equal(HttpStatusCode.Conflict, survey.StatusCode);
        Assert.Equal(0, await CountInvitationsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Survey_AnsweringAQuestionNotAsked_Refused400_AndNothingStored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);
        var (id, chat) = await HandledChatAsync(app, admin);

        var recommend = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 4, resolved = true, recommend = 10 });
        var effort = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 4, resolved = true, effort = 1 });
        var offered = await StateAsync(chat, id);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (recommend.StatusCode, effort.StatusCode));
        Assert.True((await recommend.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("recommend", out _));
        Assert.True((await effort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("effort", out _));
        Assert.Equal((false, false), (offered.GetProperty("survey").GetProperty("recommend").GetBoolean(), offered.GetProperty("survey").GetProperty("effort").GetBoolean()));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        Assert.Equal(0, await db.SurveyAnswers.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChatEnd_SameCustomerWithinTheCap_NotInvitedAgain_UntilTheCapHasPassed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);

        var first = await HandledChatAsync(app, admin, "ada@example.com");
        app.Time.Advance(TimeSpan.FromDays(10));
        var sameCustomer = await HandledChatAsync(app, admin, "ADA@example.com");
        var otherCustomer = await HandledChatAsync(app, admin, "bob@example.com");
        var noKeys = await HandledChatAsync(app, admin);
        var noKeysAgain = await HandledChatAsync(app, admin);
        app.Time.Advance(TimeSpan.FromDays(20));
        var afterTheCap = await HandledChatAsync(app, admin, "ada@example.com");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var invited = (await db.SurveyInvitations.Select(i => i.Contact).ToListAsync()).ToHashSet();
        Assert.Equal(
            (true, false, true, true, true, true),
            (invited.Contains(first.Id), invited.Contains(sameCustomer.Id), invited.Contains(otherCustomer.Id), invited.Contains(noKeys.Id), invited.Contains(noKeysAgain.Id), invited.Contains(afterTheCap.Id)));
        Assert.Equal(HttpStatusCode.Conflict, (await sameCustomer.Chat.PostAsJsonAsync($"/api/chat/conversations/{sameCustomer.Id}/survey", new { satisfaction = 3, resolved = true })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChatEnd_AgentEndsTheChat_CustomerInvited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);
        var (id, token, _) = await ChatApiTests.StartAsync(app.Client());
        var chat = ChatApiTests.Customer(app, token);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{await OfferAsync(admin, id)}/accept", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{id}/end", null)).StatusCode);
        var state = await StateAsync(chat, id);

        Assert.Equal("ended", state.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Object, state.GetProperty("survey").ValueKind);
        Assert.Equal(id, (await SingleInvitationAsync(app)).Contact);
    }

    /// <summary>A chat (with the customer's email when given) answered by ann, ended by the customer and wrapped up.</summary>
    internal static async Task<(Guid Id, HttpClient Chat)> HandledChatAsync(TestApp app, HttpClient admin, string? email = null)
    {
        var started = await app.Client().PostAsJsonAsync("/api/chat/widgets/acme-web/conversations", new { name = "Jo", language = "en", topic = "invoices", email });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("conversation").GetGuid();
        var chat = ChatApiTests.Customer(app, body.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{await OfferAsync(admin, id)}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await chat.PostAsync($"/api/chat/conversations/{id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{id}/wrap-up", new { disposition = "resolved" })).StatusCode);
        return (id, chat);
    }

    /// <summary>Gives acme a contract with this survey policy.</summary>
    internal static async Task PolicyAsync(HttpClient admin, object surveys)
    {
        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Etc/UTC", surveys }, version = 0 });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private static async Task<long> OfferAsync(HttpClient admin, Guid contact)
    {
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");
        return offers!.Single(o => o.GetProperty("contact").GetGuid() == contact).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> StateAsync(HttpClient chat, Guid id) =>
        (await chat.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}")).GetProperty("state");

    private static async Task<SurveyInvitationRecord> SingleInvitationAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        return await db.SurveyInvitations.AsNoTracking().SingleAsync();
    }

    private static async Task<int> CountInvitationsAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        return await db.SurveyInvitations.CountAsync();
    }
}
