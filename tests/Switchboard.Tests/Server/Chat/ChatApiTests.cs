using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Server.Chat;

namespace Switchboard.Tests.Server.Chat;

/// <summary>Whole web chats through the real server: the customer over HTTP and SSE, the agent through the service.</summary>
public class ChatApiTests
{
    private const string Site = "https://www.acme.example";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Conversation_FromStartToSurvey_StreamsMessagesBothWaysInOrder_AndResumesWithoutLossOrDuplicates(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app, agentAvailable: false);
        var customer = app.Client();
        var (id, token, started) = await StartAsync(customer);
        var chat = Customer(app, token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await chat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/chat/conversations/{id}/stream"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        var waiting = await NextAsync(events, "state");

        await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" });
        var offer = (await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))![0].GetProperty("id").GetInt64();
        var accepted = await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        var connected = await NextAsync(events, "state", s => s.GetProperty("state").GetString() == "connected");
        var first = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Hello <b>there</b>", clientMessageId = "c1" });
        var chats = app.Services.GetRequiredService<ChatConversations>();
        var conversation = (await chats.FindAsync(id, CancellationToken.None))!;
        var reply = await chats.SendAsync(conversation, ChatSender.Agent, "ann", "Hi, how can I help?", "a1", CancellationToken.None);
        var third = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "My invoice", clientMessageId = "c2" });
        var retried = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "My invoice", clientMessageId = "c2" });
        var live = new[] { await NextAsync(events, "message"), await NextAsync(events, "message"), await NextAsync(events, "message") };
        using var resumedResponse = await chat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/chat/conversations/{id}/stream?after=1"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var resumed = SseParser.Create(await resumedResponse.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        var replayed = new List<SseItem<string>>();
        while (await resumed.MoveNextAsync() && resumed.Current.EventType != "state")
        {
            replayed.Add(resumed.Current);
        }

        var ended = await chat.PostAsync($"/api/chat/conversations/{id}/end", null);
        var endedState = await NextAsync(resumed, "state", s => s.GetProperty("state").GetString() == "ended");
        var survey = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 4, resolved = true, comment = "Quick" });
        var again = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 1, resolved = false });
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var stored = await db.SurveyAnswers.SingleAsync();

        Assert.Equal(("waiting", 0, true), (started.GetProperty("state").GetString(), started.GetProperty("position").GetInt32(), started.GetProperty("callbackOffered").GetBoolean()));
        Assert.Equal("waiting", waiting.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Ann Example", connected.GetProperty("agentName").GetString());
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, third.StatusCode, retried.StatusCode));
        Assert.Equal((ChatSendResult.Stored, 2L), (reply.Result, reply.Sequence));
        Assert.Equal(3, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64());
        Assert.Equal(
            [(1L, "customer", null, "Hello <b>there</b>"), (2L, "agent", "Ann Example", "Hi, how can I help?"), (3L, "customer", null, "My invoice")],
            live.Select(m => (m.GetProperty("sequence").GetInt64(), m.GetProperty("sender").GetString(), m.GetProperty("agent").GetString(), m.GetProperty("text").GetString())).ToArray());
        Assert.Equal(["2", "3"], replayed.Select(e => e.EventId).ToArray());
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("ended", endedState.GetProperty("state").GetString());
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict), (survey.StatusCode, again.StatusCode));
        Assert.Equal((4, true, "ann", "billing", 2), (stored.Satisfaction, stored.Resolved, stored.Agent, stored.Queue, stored.Channel));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Customer_WithoutTheRightToken_LearnsNothing_AndBadInputIsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);
        var anonymous = app.Client();
        var (id, token, _) = await StartAsync(anonymous);
        var chat = Customer(app, token);

        var unknownWidget = await anonymous.GetAsync("/api/chat/widgets/nowhere");
        var noToken = await anonymous.GetAsync($"/api/chat/conversations/{id}");
        var wrongToken = await Customer(app, "sc_wrong").GetAsync($"/api/chat/conversations/{id}");
        var otherId = await chat.GetAsync($"/api/chat/conversations/{Guid.NewGuid()}");
        var tooLong = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = new string('x', 2001), clientMessageId = "long" });
        var empty = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "", clientMessageId = "empty" });
        var surveyEarly = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 5, resolved = true });
        var view = await chat.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}");

        Assert.Equal(HttpStatusCode.NotFound, unknownWidget.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (wrongToken.StatusCode, otherId.StatusCode));
        Assert.Equal(
            (await otherId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(),
            (await wrongToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (tooLong.StatusCode, empty.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, surveyEarly.StatusCode);
        Assert.Equal(0, view.GetProperty("messages").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Messages_FasterThanTheLimit_AreRefusedWith429_UntilTheWindowPasses(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:Chat:MessagesPerWindow=3", "--Switchboard:Chat:MessageWindow=00:00:10"]);
        await SeedAsync(app);
        var (id, token, _) = await StartAsync(app.Client());
        var chat = Customer(app, token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "m" + i, clientMessageId = "m" + i })).StatusCode);
        }

        app.Time.Advance(TimeSpan.FromSeconds(10));
        var later = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "later", clientMessageId = "later" });

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(4, (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preflight_FromAnotherOrigin_IsNotAllowed_FromTheWidgetsOriginItIs(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);
        var client = app.Client();

        var allowed = await client.SendAsync(Preflight(Site));
        var refused = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal(Site, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_WhenTheQueueIsClosed_CreatesNoContact_AndOffersAnEmailInstead(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var hours = new { timeZone = "UTC", weekly = new[] { new { day = "saturday", from = "09:00:00", to = "12:00:00" } } };
        await SeedAsync(app, hours: hours);
        var customer = app.Client();

        var closed = await customer.PostAsJsonAsync("/api/chat/widgets/acme-web/conversations", new { language = "en", topic = "invoices" });
        var problem = await closed.Content.ReadFromJsonAsync<JsonElement>();
        var email = await customer.PostAsJsonAsync(
            problem.GetProperty("alternatives")[0].GetProperty("href").GetString(), new { email = "jo@example.com", question = "Where is my invoice?", language = "en", topic = "invoices" });
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();

        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.True(problem.GetProperty("closed").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 9, 0, 0, TimeSpan.Zero), problem.GetProperty("nextOpening").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Created, email.StatusCode);
        Assert.Equal(3, (await db.Contacts.SingleAsync()).Channel);
        Assert.Equal("jo@example.com", (await db.EmailFollowUps.SingleAsync()).EmailAddress);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Callback_WhileWaiting_KeepsTheCustomersPlace_AndEndsTheChat(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app, agentAvailable: false);
        var (first, firstToken, _) = await StartAsync(app.Client());
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var (second, _, secondStart) = await StartAsync(app.Client());
        var chat = Customer(app, firstToken);

        var callback = await chat.PostAsJsonAsync($"/api/chat/conversations/{first}/callback", new { phone = "+441632960961" });
        var badPhone = await chat.PostAsJsonAsync($"/api/chat/conversations/{first}/callback", new { phone = "12" });
        var state = await chat.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{first}");
        var contact = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{first}");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var customer = await db.CallbackCustomers.SingleAsync();

        Assert.Equal(1, secondStart.GetProperty("position").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal("ended", state.GetProperty("state").GetProperty("state").GetString());
        Assert.Equal("callbackPending", contact.GetProperty("state").GetString());
        Assert.Equal(TestApp.Start, contact.GetProperty("arrived").GetDateTimeOffset());
        Assert.Equal((first, "+441632960961"), (customer.Contact, customer.PhoneNumber));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Message_AcknowledgedBeforeARestart_IsThereAfterIt_AndTheSequenceGoesOn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);
        var (id, token, _) = await StartAsync(app.Client());
        var sent = await Customer(app, token).PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Before", clientMessageId = "b" });

        await app.RestartAsync();
        var chat = Customer(app, token);
        // The retry of a message sent before the restart (its answer lost, say) is known from the store, not stored again.
        var retried = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Before", clientMessageId = "b" });
        var after = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "After", clientMessageId = "a" });
        var again = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "After", clientMessageId = "a" });
        var view = await chat.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}");

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64());
        Assert.Equal(2, (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64());
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64());
        Assert.Equal(["Before", "After"], view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Delivered_TellsTheAgentOnce_AndTheMarkNeverMovesBack(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var (id, token, _) = await StartAsync(app.Client());
        var offer = (await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))![0].GetProperty("id").GetInt64();
        await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        var chats = app.Services.GetRequiredService<ChatConversations>();
        var conversation = (await chats.FindAsync(id, CancellationToken.None))!;
        await chats.SendAsync(conversation, ChatSender.Agent, "ann", "One", "a1", CancellationToken.None);
        await chats.SendAsync(conversation, ChatSender.Agent, "ann", "Two", "a2", CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var agentSide = chats.WatchAsync(conversation, ChatSender.Agent, 2, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await agentSide.MoveNextAsync());
        Assert.IsType<ChatEvent.StateChanged>(agentSide.Current);

        var chat = Customer(app, token);
        var raised = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/delivered", new { upTo = 2 });
        var lower = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/delivered", new { upTo = 1 });
        var unsent = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/delivered", new { upTo = 3 });
        await chat.PostAsync($"/api/chat/conversations/{id}/typing", null);
        var told = new List<ChatEvent>();
        while (await agentSide.MoveNextAsync() && agentSide.Current is not ChatEvent.Typing)
        {
            told.Add(agentSide.Current);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var stored = await db.ChatConversations.AsNoTracking().SingleAsync(c => c.Contact == id);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.BadRequest), (raised.StatusCode, lower.StatusCode, unsent.StatusCode));
        Assert.Equal([new ChatEvent.Delivery(ChatSender.Customer, 2)], told);
        Assert.Equal((2L, 0L), (stored.CustomerReceivedUpTo, stored.AgentReceivedUpTo));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Store_ABatchWithOneDuplicate_FailsOnlyThatMessage_AndStoresTheRest(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);
        var (id, token, _) = await StartAsync(app.Client());
        await Customer(app, token).PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "First", clientMessageId = "f" });
        var store = app.Services.GetRequiredService<ChatMessageStore>();
        ChatMessage Row(long sequence, string text) =>
            new() { Conversation = id, Client = "acme", Sequence = sequence, At = DateTimeOffset.UtcNow, Sender = (int)ChatSender.Customer, Text = text };

        // Queued together, so they are likely stored in one transaction; either way only the duplicate may fail.
        var stores = new[] { store.StoreAsync(Row(2, "Second")), store.StoreAsync(Row(1, "Clash")), store.StoreAsync(Row(3, "Third")) };
        var outcomes = await Task.WhenAll(stores.Select(async t =>
        {
            try
            {
                await t;
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }));
        var view = await Customer(app, token).GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}");

        Assert.Equal([true, false, true], outcomes);
        Assert.Equal(["First", "Second", "Third"], view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Transcript_WithoutAMailServer_IsRefusedAsNotSetUp(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);
        var (id, token, _) = await StartAsync(app.Client());

        var transcript = await Customer(app, token).PostAsJsonAsync($"/api/chat/conversations/{id}/transcript", new { email = "jo@example.com" });

        Assert.Equal(HttpStatusCode.Conflict, transcript.StatusCode);
        Assert.Contains("not set up", await transcript.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Widget_ForTheCustomer_ShowsTopicsOpenWithTheirWait_AndTheAdministratorsListShowsTheSettings(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);

        var widget = await app.Client().GetFromJsonAsync<JsonElement>("/api/chat/widgets/acme-web");
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/api/chat/widgets");
        var anonymousList = await app.Client().GetAsync("/api/chat/widgets");
        var topic = widget.GetProperty("topics")[0];

        Assert.Equal("ACME help", widget.GetProperty("displayName").GetString());
        Assert.Equal(("invoices", true, "00:00:00"), (topic.GetProperty("id").GetString(), topic.GetProperty("open").GetBoolean(), topic.GetProperty("expectedWait").GetString()));
        Assert.Equal(Site, listed!.Single().GetProperty("origins")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/chat/widgets/acme-web/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    /// <summary>Client acme, queue billing (with opening hours when given), agent ann ("Ann Example"), widget acme-web.</summary>
    internal static async Task<HttpClient> SeedAsync(TestApp app, bool agentAvailable = true, object? hours = null)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: new
        {
            stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
            openingHours = hours,
        });
        var agent = await admin.PostAsJsonAsync("/api/agents", new
        {
            id = "ann",
            routingDomain = "acme",
            name = "Ann Example",
            settings = new
            {
                skills = new[] { new { skill = "general", proficiency = 3 } },
                languages = new[] { new { tag = "en", proficiency = 5 } },
                capacity = new { voice = 1, chat = 3 },
            },
        });
        Assert.Equal(HttpStatusCode.Created, agent.StatusCode);
        if (agentAvailable)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" })).StatusCode);
        }

        var widget = await admin.PostAsJsonAsync("/api/chat/widgets", new
        {
            id = "acme-web",
            client = "acme",
            displayName = "ACME help",
            origins = new[] { Site },
            topics = new[] { new { id = "invoices", label = "Invoices", queue = "billing" } },
            languages = new[] { "en", "fr" },
            callbackOfferAfter = "00:02:00",
        });
        Assert.True(widget.StatusCode == HttpStatusCode.Created, await widget.Content.ReadAsStringAsync());
        return admin;
    }

    internal static async Task<(Guid Id, string Token, JsonElement State)> StartAsync(HttpClient customer)
    {
        var response = await customer.PostAsJsonAsync("/api/chat/widgets/acme-web/conversations", new { name = "Jo", language = "en", topic = "invoices" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("conversation").GetGuid(), body.GetProperty("token").GetString()!, body.GetProperty("state"));
    }

    internal static HttpClient Customer(TestApp app, string token)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(ChatApi.Scheme, token);
        return client;
    }

    /// <summary>The data of the next event of <paramref name="type"/> that matches, skipping others.</summary>
    private static async Task<JsonElement> NextAsync(IAsyncEnumerator<SseItem<string>> events, string type, Func<JsonElement, bool>? matches = null)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == type && JsonDocument.Parse(events.Current.Data).RootElement is var data && (matches is null || matches(data)))
            {
                return data;
            }
        }

        throw new InvalidOperationException($"The stream ended before a '{type}' event.");
    }
}
