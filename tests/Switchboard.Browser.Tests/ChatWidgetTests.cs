using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;
using Switchboard.Server.Chat;

namespace Switchboard.Browser.Tests;

/// <summary>
/// The web chat widget on a client's website (issue 5, section 2): a page on another origin embeds the one script tag;
/// the customer chats with an agent, reloads and resumes, ends and answers the survey; or takes a callback when the
/// wait is long. The agent's side goes through the server's own agent API and chat service.
/// </summary>
public class ChatWidgetTests
{
    [Fact]
    public async Task Chat_OnAClientsWebsite_FlowsBothWays_ResumesAfterReload_AndEndsWithTheSurvey()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        await using var shop = await ShopSite.StartAsync(server);
        var admin = await ChatSeed.CentreAsync(server, shop, agentAvailable: true);
        // The client's contract asks the NPS and effort questions too.
        using var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract",
            new { contract = new { timeZone = "Etc/UTC", surveys = new { questions = new[] { "recommend", "effort" } } }, version = 0 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, contract.StatusCode);
        var page = await ChatSeed.ShopPageAsync(browser, shop);
        var widget = page.Locator(".switchboard-chat-host");

        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Heading, new() { Name = "ACME help" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "chat-widget-pre-chat");

        await widget.GetByLabel("Your name (optional)").FillAsync("Chris <b>Customer</b>");
        await widget.GetByLabel("What is it about?").SelectOptionAsync("orders");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".status")).ToContainTextAsync("You are in the queue.");

        var offer = await ChatSeed.OfferAsync(admin);
        var accepted = await admin.PostAsync(new Uri($"/api/agents/ann/offers/{offer.Id}/accept", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Assertions.Expect(widget.Locator(".status")).ToHaveTextAsync("Ann Example is chatting with you.");

        var chats = server.Services.GetRequiredService<ChatConversations>();
        var conversation = await chats.FindAsync(offer.Contact, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No conversation.");
        await chats.SendAsync(conversation, ChatSender.Agent, "ann", "Hello, how can I help? <script>alert(1)</script>", null, TestContext.Current.CancellationToken);
        await Assertions.Expect(widget.Locator(".message.agent .text")).ToHaveTextAsync("Hello, how can I help? <script>alert(1)</script>");
        await Assertions.Expect(widget.Locator(".message.agent .who")).ToHaveTextAsync("Ann Example");

        await widget.GetByLabel("Message", new() { Exact = true }).FillAsync("Where is my order 1234?");
        await widget.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(widget.Locator(".message.customer .text")).ToHaveTextAsync("Where is my order 1234?");
        await Assertions.Expect(widget.Locator(".message.customer .delivery")).ToHaveTextAsync("Sent");
        var stored = await chats.ReadMessagesAsync(conversation, 0, TestContext.Current.CancellationToken);
        Assert.Equal(["Hello, how can I help? <script>alert(1)</script>", "Where is my order 1234?"], stored.Select(m => m.Text));
        await chats.DeliveredAsync(conversation, ChatSender.Agent, stored[^1].Sequence, TestContext.Current.CancellationToken);
        await Assertions.Expect(widget.Locator(".message.customer .delivery")).ToHaveTextAsync("Delivered");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "chat-widget-conversation");

        await page.ReloadAsync();
        await Assertions.Expect(widget.Locator(".message .text")).ToHaveTextAsync(["Hello, how can I help? <script>alert(1)</script>", "Where is my order 1234?"]);
        await chats.SendAsync(conversation, ChatSender.Agent, "ann", "It ships tomorrow.", null, TestContext.Current.CancellationToken);
        await Assertions.Expect(widget.Locator(".message.agent .text").Last).ToHaveTextAsync("It ships tomorrow.");

        await widget.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".status")).ToHaveTextAsync("The chat has ended.");
        var recommend = widget.GetByRole(AriaRole.Group, new() { Name = "How likely are you to recommend us to a friend or colleague?" });
        await Assertions.Expect(recommend.GetByRole(AriaRole.Radio)).ToHaveCountAsync(11);
        await Assertions.Expect(recommend.GetByLabel("0 – Not at all likely")).ToBeVisibleAsync();
        await Assertions.Expect(recommend.GetByLabel("10 – Extremely likely")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "chat-widget-survey");
        await widget.GetByLabel("4 – Satisfied").CheckAsync();
        await widget.GetByLabel("Yes").CheckAsync();
        // By keyboard, as a radio group moves: focus the first score, then arrow along to 9.
        await recommend.GetByLabel("0 – Not at all likely").FocusAsync();
        for (var i = 0; i < 9; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Assertions.Expect(recommend.GetByLabel("9", new() { Exact = true })).ToBeCheckedAsync();
        await widget.GetByRole(AriaRole.Group, new() { Name = "How easy was it to get what you needed?" }).GetByLabel("2 – Easy").CheckAsync();
        await widget.GetByRole(AriaRole.Button, new() { Name = "Send answers" }).ClickAsync();
        await Assertions.Expect(widget.GetByText("Thank you for your answers.")).ToBeVisibleAsync();

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var answer = await db.SurveyAnswers.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((4, true, 9, 2), (answer.Satisfaction, answer.Resolved, answer.Recommend, answer.Effort));
    }

    [Fact]
    public async Task LongWait_OffersACallback_AndTheCustomerKeepsTheirPlace()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        await using var shop = await ShopSite.StartAsync(server);
        var admin = await ChatSeed.CentreAsync(server, shop, agentAvailable: false);
        var page = await ChatSeed.ShopPageAsync(browser, shop);
        var widget = page.Locator(".switchboard-chat-host");

        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await widget.GetByLabel("What is it about?").SelectOptionAsync("orders");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".alternatives").GetByText("The wait may be long.", new() { Exact = false })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "chat-widget-long-wait");

        await widget.GetByLabel("Phone number", new() { Exact = false }).FillAsync("12");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Call me back" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Alert)).ToContainTextAsync("E.164");
        await widget.GetByLabel("Phone number", new() { Exact = false }).FillAsync("+441632960961");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Call me back" }).ClickAsync();
        await Assertions.Expect(widget.GetByText("We will call you back", new() { Exact = false })).ToBeVisibleAsync();

        var contacts = await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts?queue=orders", TestContext.Current.CancellationToken);
        Assert.Contains(contacts!, c => c.GetProperty("state").GetString() == "callbackPending");
    }

    [Fact]
    public async Task ClosedTopic_OffersACallbackAfterTheOpening_BesideTheEmail()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        await using var shop = await ShopSite.StartAsync(server);
        // Open only tomorrow morning (UTC): closed whenever the test runs, with a known next opening.
        var tomorrow = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(1);
        var hours = new { timeZone = "UTC", weekly = new[] { new { day = tomorrow.DayOfWeek.ToString().ToLowerInvariant(), from = "09:00:00", to = "12:00:00" } } };
        var admin = await ChatSeed.CentreAsync(server, shop, agentAvailable: true, openingHours: hours);
        var page = await ChatSeed.ShopPageAsync(browser, shop);
        var widget = page.Locator(".switchboard-chat-host");

        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await widget.GetByLabel("What is it about?").SelectOptionAsync("orders");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Heading, new() { Name = "Call me back when you open" })).ToBeVisibleAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Heading, new() { Name = "Answer me by email instead" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "chat-widget-closed");

        await widget.GetByLabel("Phone number", new() { Exact = false }).FillAsync("12");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Call me back" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Alert).Filter(new() { HasText = "E.164" })).ToBeVisibleAsync();
        await widget.GetByLabel("Phone number", new() { Exact = false }).FillAsync("+441632960961");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Call me back" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Status).Filter(new() { HasText = "We will call you back between" })).ToBeVisibleAsync();

        var contacts = await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts?queue=orders", TestContext.Current.CancellationToken);
        var callback = Assert.Single(contacts!);
        Assert.Equal(("callbackPending", "callback"), (callback.GetProperty("state").GetString(), callback.GetProperty("channel").GetString()));
        Assert.Equal(new DateTimeOffset(tomorrow.AddHours(9), TimeSpan.Zero), callback.GetProperty("callbackFrom").GetDateTimeOffset());
    }
}

/// <summary>A centre with one client, a chat queue, an agent and a widget; and the client's shop page that embeds it.</summary>
internal static class ChatSeed
{
    /// <summary>The centre; <paramref name="openingHours"/> is the queue's (API shape), always open when null.</summary>
    public static async Task<HttpClient> CentreAsync(LiveServer server, ShopSite shop, bool agentAvailable, object? openingHours = null)
    {
        var http = await server.AdministratorApiAsync();
        await CreatedAsync(http.PostAsJsonAsync("/api/clients", new { id = "acme", name = "ACME" }));
        await CreatedAsync(http.PostAsJsonAsync("/api/queues", new
        {
            id = "orders",
            client = "acme",
            name = "Orders",
            settings = new { stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "orders", minimum = 1 } } } }, openingHours },
        }));
        await CreatedAsync(http.PostAsJsonAsync("/api/agents", new
        {
            id = "ann",
            routingDomain = "acme",
            name = "Ann Example",
            settings = new
            {
                skills = new[] { new { skill = "orders", proficiency = 3 } },
                languages = new[] { new { tag = "en", proficiency = 5 } },
                capacity = new { voice = 1, chat = 3 },
            },
        }));
        if (agentAvailable)
        {
            var presence = await http.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" });
            Assert.Equal(HttpStatusCode.NoContent, presence.StatusCode);
        }

        await CreatedAsync(http.PostAsJsonAsync("/api/chat/widgets", new
        {
            id = "acme-web",
            client = "acme",
            displayName = "ACME help",
            origins = new[] { shop.Origin },
            topics = new[] { new { id = "orders", label = "Orders and deliveries", queue = "orders" } },
            languages = new[] { "en", "es" },
            callbackOfferAfter = "00:02:00",
        }));
        return http;
    }

    /// <summary>The client's own page with the one script tag, served by a web server of its own (another origin).</summary>
    public static async Task<IPage> ShopPageAsync(Chromium browser, ShopSite shop)
    {
        var page = await browser.NewPageAsync(shop.Address);
        await page.GotoAsync("/");
        return page;
    }

    /// <summary>The offer the engine made when the chat arrived (in the same stored batch as the arrival, so it is
    /// there once the customer has been told they are in the queue).</summary>
    public static async Task<(long Id, Guid Contact)> OfferAsync(HttpClient admin)
    {
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");
        Assert.NotNull(offers);
        var offer = Assert.Single(offers);
        return (offer.GetProperty("id").GetInt64(), offer.GetProperty("contact").GetGuid());
    }

    private static async Task CreatedAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The whole chat as issue 5 asks: a customer on a client's site, an agent signed in to the desk in another browser.</summary>
public class ChatOnTheDeskTests
{
    [Fact]
    public async Task Customer_OnTheShopSite_AndAgent_OnTheDesk_ChatBothWays()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        await using var shop = await ShopSite.StartAsync(server);
        var admin = await ChatSeed.CentreAsync(server, shop, agentAvailable: false);
        await server.UserAsync("ann@centre.example", [Roles.Agent], agent: "ann");

        // The same customer wrote in by email earlier and gave up waiting: the desk shows it beside the chat.
        using var earlier = await admin.PostAsJsonAsync("/api/contacts", new { queue = "orders", language = "en", channel = "email", customer = new { email = "jo@example.com" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
        var earlierId = (await earlier.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        using var abandoned = await admin.PostAsync($"/api/contacts/{earlierId}/abandon", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, abandoned.StatusCode);

        var desk = await browser.NewPageAsync(server.Address);
        await LiveServer.SignInAsync(desk, "ann@centre.example", "/desk");
        await Assertions.Expect(desk.Locator(".desk[data-live=true]")).ToHaveCountAsync(1);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Available", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator(".presence-now [role=status]")).ToHaveTextAsync("Available");

        // A supervisor watches the wallboard in a third browser context while it happens.
        await server.UserAsync("sue@centre.example", [Roles.Supervisor]);
        var board = await browser.NewPageAsync(server.Address);
        await LiveServer.SignInAsync(board, "sue@centre.example", "/wallboard");
        var waiting = board.Locator("tr[data-queue=orders] [data-figure=waiting]");
        var annAtWork = board.Locator("tr[data-agent=ann] [data-figure=current-contacts]");
        await Assertions.Expect(waiting).ToHaveTextAsync("0");

        var customer = await ChatSeed.ShopPageAsync(browser, shop);
        var widget = customer.Locator(".switchboard-chat-host");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await widget.GetByLabel("What is it about?").SelectOptionAsync("orders");
        await widget.GetByLabel("Your email address (optional: lets us see your earlier contacts with us)").FillAsync(" Jo@Example.com");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();

        var offer = desk.Locator("section.desk-offer");
        await Assertions.Expect(offer).ToBeVisibleAsync();
        await Assertions.Expect(annAtWork).ToContainTextAsync("(offered)");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".status")).ToHaveTextAsync("Ann Example is chatting with you.");
        await Assertions.Expect(annAtWork).ToContainTextAsync("(connected)");
        await Assertions.Expect(waiting).ToHaveTextAsync("0");
        await Chromium.ScreenshotAsync(board, "wallboard-during-chat");
        var panel = desk.Locator("section.desk-contact");
        await Assertions.Expect(panel.Locator("ol.desk-customer-history li")).ToContainTextAsync("· Email · orders · Abandoned");
        await panel.GetByLabel("Reply to the customer").FillAsync("Hello, this is Ann. How can I help?");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".message.agent .text")).ToHaveTextAsync("Hello, this is Ann. How can I help?");

        await widget.GetByLabel("Message", new() { Exact = true }).FillAsync("My parcel has not arrived.");
        await widget.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(panel.Locator(".desk-chat-message.theirs .desk-chat-text")).ToHaveTextAsync("My parcel has not arrived.");
        await Assertions.Expect(widget.Locator(".message.customer .delivery")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(panel.Locator(".desk-chat-message.mine .desk-chat-delivery")).ToHaveTextAsync("Delivered");
        await Chromium.AssertAccessibleAsync(desk);
        await Chromium.ScreenshotAsync(desk, "desk-chat");
        await Chromium.ScreenshotAsync(customer, "chat-widget-with-desk");

        await widget.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("The customer has left the chat.")).ToBeVisibleAsync();
    }
}
