using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Persistence.Chat;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.Contacts;
using Switchboard.Server.Hosting;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;
using Switchboard.Skills;

namespace Switchboard.Server.Chat;

/// <summary>
/// The customer's side of web chat, under <c>/api/chat</c>: anonymous, called cross-origin from the widget's allowed
/// origins only. After a conversation starts, every call carries <c>Authorization: Conversation &lt;token&gt;</c>.
/// The protocol is written down in docs/chat-protocol.md.
/// </summary>
internal static partial class ChatApi
{
    public const string Scheme = "Conversation";

    public static void Map(RouteGroupBuilder api)
    {
        var chat = api.MapGroup("/chat").WithTags("Chat");
        ChatWidgetsApi.Map(chat);

        var customer = chat.MapGroup("/").AllowAnonymous().RequireCors(ChatCors.Policy);
        customer.MapGet("/widgets/{widget}", Widget);
        customer.MapPost("/widgets/{widget}/conversations", Start);
        customer.MapPost("/widgets/{widget}/email-follow-up", EmailInstead);
        customer.MapPost("/widgets/{widget}/callback", CallbackInstead);
        customer.MapGet("/conversations/{id:guid}", Get);
        customer.MapGet("/conversations/{id:guid}/stream", Stream);
        customer.MapPost("/conversations/{id:guid}/messages", Send);
        customer.MapPost("/conversations/{id:guid}/typing", Typing);
        customer.MapPost("/conversations/{id:guid}/delivered", Delivered);
        customer.MapPost("/conversations/{id:guid}/callback", Callback);
        customer.MapPost("/conversations/{id:guid}/email-follow-up", EmailFollowUp);
        customer.MapPost("/conversations/{id:guid}/end", End);
        customer.MapPost("/conversations/{id:guid}/survey", Survey);
        customer.MapPost("/conversations/{id:guid}/transcript", Transcript);
    }

    /// <summary>A topic as the customer sees it: whether its queue is open now (else when it opens, UTC) and the wait
    /// announced to a customer who joins now (null when unknown: nobody staffed).</summary>
    public sealed record TopicView(string Id, string Label, bool Open, DateTimeOffset? NextOpening, TimeSpan? ExpectedWait, bool CallbackOffered);

    public sealed record WidgetInfo(string DisplayName, IReadOnlyList<string> Languages, IReadOnlyList<TopicView> Topics);

    /// <summary>The pre-chat form: the customer's name and email (both optional; the email lets the agent see the
    /// customer's earlier contacts, and is stored trimmed and lower-cased), language and topic.</summary>
    public sealed record StartConversation(
        [property: StringLength(100)] string? Name,
        [property: Required, StringLength(35, MinimumLength = 2)] string Language,
        [property: Required, StringLength(64)] string Topic,
        [property: StringLength(CustomerKey.EmailLength)] string? Email = null);

    public sealed record ConversationStarted(Guid Conversation, string Token, ChatState State);

    public sealed record ConversationView(Guid Conversation, ChatState State, IReadOnlyList<MessageView> Messages);

    /// <summary>A message as the customer sees it: <paramref name="Agent"/> is the agent's display name.</summary>
    public sealed record MessageView(long Sequence, ChatSender Sender, string? Agent, string Text, DateTimeOffset At)
    {
        public static MessageView From(ChatMessageView m) => new(m.Sequence, m.Sender, m.AgentName, m.Text, m.At);
    }

    public sealed record SendMessage(
        [property: Required, StringLength(2000, MinimumLength = 1)] string Text,
        [property: Required, StringLength(100, MinimumLength = 1)] string ClientMessageId);

    public sealed record MessageAccepted(long Sequence);

    public sealed record DeliveredRequest([property: Range(0, long.MaxValue)] long UpTo);

    public sealed record CallbackRequest(
        [property: Required, RegularExpression(@"^\+[1-9][0-9]{6,14}$", ErrorMessage = "A number in E.164 form, such as +441632960961.")] string Phone);

    public sealed record EmailFollowUpRequest(
        [property: Required, EmailAddress, StringLength(254)] string Email,
        [property: Required, StringLength(2000, MinimumLength = 1)] string Question);

    public sealed record WidgetEmailRequest(
        [property: Required, EmailAddress, StringLength(254)] string Email,
        [property: Required, StringLength(2000, MinimumLength = 1)] string Question,
        [property: Required, StringLength(35, MinimumLength = 2)] string Language,
        [property: Required, StringLength(64)] string Topic);

    public sealed record FollowUpCreated(Guid Contact);

    /// <summary>The end-of-chat survey: satisfaction and "resolved?" always; likelihood to recommend (0-10) and effort (1 very
    /// easy to 5 very difficult) when the invitation asks them (<see cref="SurveyOffer"/>).</summary>
    public sealed record SurveyRequest(
        [property: Range(1, 5)] int Satisfaction,
        bool Resolved,
        [property: StringLength(1000)] string? Comment,
        [property: Range(0, 10)] int? Recommend = null,
        [property: Range(1, 5)] int? Effort = null);

    public sealed record TranscriptRequest([property: Required, EmailAddress, StringLength(254)] string Email);

    public static async Task<Results<Ok<WidgetInfo>, ProblemHttpResult>> Widget(
        string widget, ChatWidgets widgets, QueueDirectory queues, RoutingDomainHost domains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await widgets.FindAsync(widget, cancellationToken) is not { } entry)
        {
            return NoWidget(widget);
        }

        var now = time.GetUtcNow();
        var language = new Language(entry.Languages.Count > 0 ? entry.Languages[0] : "en");
        var topics = new List<TopicView>(entry.Topics.Count);
        foreach (var topic in entry.Topics)
        {
            if (await queues.FindAsync(topic.Queue, cancellationToken) is not { } queue)
            {
                continue;
            }

            var (open, next) = queue.OpenAt(now);
            WaitEstimate? wait = null;
            if (open)
            {
                var contact = new NewContact(Channel.Chat, new QueueId(topic.Queue), language);
                wait = await (await domains.GetAsync(queue.Domain)).Run(batch => batch.Engine.EstimateArrival(contact));
            }

            var threshold = entry.CallbackOfferAfter ?? queue.CallbackOfferThreshold;
            topics.Add(new TopicView(topic.Id, topic.Label, open, next, wait is { IsKnown: true } w ? w.Expected : null,
                wait is { } estimate && threshold is { } t && estimate.MayExceed(t)));
        }

        return TypedResults.Ok(new WidgetInfo(entry.DisplayName, entry.Languages, topics));
    }

    public static async Task<Results<Created<ConversationStarted>, ValidationProblem, ProblemHttpResult>> Start(
        string widget, StartConversation request, ChatWidgets widgets, ChatConversations conversations, CancellationToken cancellationToken)
    {
        if (await widgets.FindAsync(widget, cancellationToken) is not { } entry)
        {
            return NoWidget(widget);
        }

        if (entry.Topic(request.Topic) is not { } topic)
        {
            return Problems.Field("topic", "One of the widget's topics.");
        }

        if (Offered(entry, request.Language) is not { } language)
        {
            return Problems.Field("language", "One of the widget's languages: " + string.Join(", ", entry.Languages) + ".");
        }

        CustomerKey? email = null;
        if (!string.IsNullOrWhiteSpace(request.Email) && !CustomerKey.TryEmail(request.Email, out email))
        {
            return Problems.Field("email", "An email address, such as ada@example.com.");
        }

        var started = await conversations.StartAsync(entry, topic, language, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(), email, cancellationToken);
        return started switch
        {
            ChatStart.Started s => TypedResults.Created($"/api/chat/conversations/{s.Conversation}", new ConversationStarted(s.Conversation, s.Token, s.State)),
            ChatStart.Closed closed => Closed(widget, closed.NextOpening),
            ChatStart.Refused refused => Problems.From(refused.Result),
            _ => throw new InvalidOperationException("Unknown start."),
        };
    }

    /// <summary>
    /// Outside opening hours no chat starts: 409 with <c>closed: true</c>, the next opening, and what the customer may
    /// do instead (a callback once the queue opens, or an email follow-up answered once the centre works it).
    /// </summary>
    private static ProblemHttpResult Closed(string widget, DateTimeOffset? nextOpening) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Closed",
            detail: nextOpening is { } next
                ? $"Chat on this topic is closed; it opens at {next.UtcDateTime:yyyy-MM-dd HH:mm} UTC. You may ask for a call back after it opens, or leave a question for an email answer."
                : "Chat on this topic is closed. You may leave a question for an email answer.",
            extensions: new Dictionary<string, object?>
            {
                ["closed"] = true,
                ["nextOpening"] = nextOpening,
                // A callback is a promise to call once the queue opens: none without an opening to promise.
                ["alternatives"] = nextOpening is null
                    ? new[] { new { kind = "email", href = $"/api/chat/widgets/{widget}/email-follow-up" } }
                    : [new { kind = "email", href = $"/api/chat/widgets/{widget}/email-follow-up" }, new { kind = "callback", href = $"/api/chat/widgets/{widget}/callback" }],
            });

    public static async Task<Results<Created<FollowUpCreated>, ValidationProblem, ProblemHttpResult>> EmailInstead(
        string widget, WidgetEmailRequest request, ChatWidgets widgets, QueueDirectory queues, RoutingDomainHost domains, ServerMetrics metrics, CancellationToken cancellationToken)
    {
        var (choice, noWidget, invalid) = await ChooseAsync(widget, request.Topic, request.Language, widgets, queues, cancellationToken);
        if (noWidget is not null)
        {
            return noWidget;
        }

        if (invalid is not null)
        {
            return invalid;
        }

        var (entry, topic, queue, language) = choice!;

        var email = new NewContact(Channel.Email, new QueueId(topic.Queue), language) { Attributes = new ContactAttributes(entry.Client) };
        var (answer, _) = await Contacts.ContactsApi.ArriveAsync(email, queue, null, domains, metrics, (batch, id) =>
        {
            batch.Stage(db => db.EmailFollowUps.Add(new EmailFollowUp { Contact = id, Client = entry.Client, EmailAddress = request.Email, Question = request.Question }));
            CustomerKeys.Stage(batch, id, entry.Client, AnswerTo(request.Email));
        });
        return answer switch
        {
            ContactArrival.Queued queued => TypedResults.Created($"/api/contacts/{queued.Id}", new FollowUpCreated(queued.Id)),
            ContactArrival.Refused refused => Problems.From(refused.Result),
            _ => throw new InvalidOperationException("Unexpected arrival."),
        };
    }

    public static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        var messages = await conversations.ReadMessagesAsync(conversation, 0, cancellationToken);
        var state = await conversations.ReadStateAsync(conversation, cancellationToken);
        return TypedResults.Ok(new ConversationView(id, state, messages.Select(MessageView.From).ToList()));
    }

    public static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> Stream(
        Guid id, long? after, HttpContext http, ChatConversations conversations, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        var from = after ?? 0;
        if (http.Request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } lastEventId && !long.TryParse(lastEventId, out from))
        {
            return Problems.Field("Last-Event-ID", "The id of an earlier message event.");
        }

        if (from < 0)
        {
            return Problems.Field("after", "A message sequence, 0 or more.");
        }

        return TypedResults.ServerSentEvents(Events(conversations.WatchAsync(conversation, ChatSender.Customer, from, http.RequestAborted), json.Value.SerializerOptions, http.RequestAborted));
    }

    /// <summary>The conversation's events as SSE items: message (id = sequence), state, typing and delivery.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<ChatEvent> events, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            yield return e switch
            {
                ChatEvent.Message m => new SseItem<string>(JsonSerializer.Serialize(MessageView.From(m.View), options), "message")
                {
                    EventId = m.View.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                ChatEvent.StateChanged s => new SseItem<string>(JsonSerializer.Serialize(s.State, options), "state"),
                ChatEvent.Typing t => new SseItem<string>(JsonSerializer.Serialize(new { sender = t.Sender }, options), "typing"),
                ChatEvent.Delivery d => new SseItem<string>(JsonSerializer.Serialize(new { sender = d.Sender, upTo = d.UpTo }, options), "delivery"),
                _ => throw new InvalidOperationException("Not a customer event."),
            };
        }
    }

    public static async Task<Results<Accepted<MessageAccepted>, ProblemHttpResult>> Send(
        Guid id, SendMessage request, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        var sent = await conversations.SendAsync(conversation, ChatSender.Customer, null, request.Text, request.ClientMessageId, cancellationToken);
        return sent.Result switch
        {
            ChatSendResult.Stored => TypedResults.Accepted($"/api/chat/conversations/{id}", new MessageAccepted(sent.Sequence)),
            ChatSendResult.TooMany => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many messages",
                detail: "This conversation is sending messages too fast; wait a few seconds."),
            _ => Over(),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Typing(
        Guid id, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        await conversations.TypingAsync(conversation, ChatSender.Customer);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delivered(
        Guid id, DeliveredRequest request, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        return await conversations.DeliveredAsync(conversation, ChatSender.Customer, request.UpTo, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No such message",
                detail: $"No message {request.UpTo} has been sent in this conversation yet.");
    }

    /// <summary>A waiting customer swaps the chat for a callback that keeps their place (the same contact, now a callback).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Callback(
        Guid id, CallbackRequest request, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        var customer = new Persistence.Contacts.CallbackCustomer { Contact = id, Client = conversation.Client, PhoneNumber = request.Phone };
        var result = await conversations.EndWithAsync(conversation, (batch, number, _) =>
        {
            var done = batch.Engine.RequestCallback(number, batch.Now);
            if (done == RoutingResult.Done)
            {
                batch.Stage(db => db.CallbackCustomers.Add(customer));
                CustomerKeys.Stage(batch, id, conversation.Client, CustomerKey.TryPhone(request.Phone, out var phone) ? [phone!] : []);
            }

            return done;
        }, cancellationToken);
        return result == RoutingResult.Done ? TypedResults.NoContent() : Problems.From(result);
    }

    /// <summary>The customer leaves a question for an email answer instead: an email contact in the same queue, and the chat ends.</summary>
    public static async Task<Results<Created<FollowUpCreated>, ProblemHttpResult>> EmailFollowUp(
        Guid id, EmailFollowUpRequest request, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        var email = new NewContact(Channel.Email, new QueueId(conversation.Queue), new Language(conversation.Language))
        {
            Attributes = new ContactAttributes(conversation.Client),
        };
        Guid? created = null;
        var result = await conversations.EndWithAsync(conversation, (batch, number, contact) =>
        {
            // Both in one batch: the question is never lost, and the chat never ends without it.
            var ended = ChatConversations.Leave(batch, number, contact);
            if (ended != RoutingResult.Done)
            {
                return ended;
            }

            if (batch.Enqueue(email, conversation.Client, null) is not ContactArrival.Queued queued)
            {
                return RoutingResult.QueueFull;
            }

            created = queued.Id;
            batch.Stage(db => db.EmailFollowUps.Add(new EmailFollowUp
            {
                Contact = queued.Id,
                Client = conversation.Client,
                Conversation = conversation.Id,
                EmailAddress = request.Email,
                Question = request.Question,
            }));
            CustomerKeys.Stage(batch, queued.Id, conversation.Client, AnswerTo(request.Email));
            return RoutingResult.Done;
        }, cancellationToken);
        return result == RoutingResult.Done && created is { } contactId
            ? TypedResults.Created($"/api/contacts/{contactId}", new FollowUpCreated(contactId))
            : Problems.From(result);
    }

    /// <summary>The address an email follow-up is answered at, as the customer's key when it is one
    /// (<see cref="CustomerKey.TryEmail"/> is stricter than the request's check: an address it refuses is simply no key).</summary>
    private static CustomerKey[] AnswerTo(string address) => CustomerKey.TryEmail(address, out var key) ? [key!] : [];

    public static async Task<Results<NoContent, ProblemHttpResult>> End(
        Guid id, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        // Ending twice is harmless: the customer's page may send it again after a reload.
        if ((await conversations.ReadStateAsync(conversation, cancellationToken)).State == ChatPhase.Ended)
        {
            return TypedResults.NoContent();
        }

        var result = await conversations.EndAsync(conversation, cancellationToken);
        return result == RoutingResult.Done ? TypedResults.NoContent() : Problems.From(result);
    }

    /// <summary>Stores the survey's answers: 409 unless the chat has ended and its customer was invited (once only); 400 for
    /// an answer to a question the invitation did not ask.</summary>
    public static async Task<Results<Created, ValidationProblem, ProblemHttpResult>> Survey(
        Guid id, SurveyRequest request, HttpContext http, ChatConversations conversations, TimeProvider time, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        if ((await conversations.ReadStateAsync(conversation, cancellationToken)).State != ChatPhase.Ended)
        {
            return Problems.Conflict("The survey is answered after the conversation has ended.");
        }

        await using var db = await conversations.ScopedAsync(conversation, cancellationToken);
        if (await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Contact == id, cancellationToken) is not { } invitation)
        {
            return Problems.Conflict("This conversation's customer was not invited to a survey.");
        }

        var asked = (SurveyQuestions)invitation.Questions;
        if (request.Recommend is not null && !asked.HasFlag(SurveyQuestions.Recommend))
        {
            return Problems.Field("recommend", "This survey does not ask it.");
        }

        if (request.Effort is not null && !asked.HasFlag(SurveyQuestions.Effort))
        {
            return Problems.Field("effort", "This survey does not ask it.");
        }

        db.SurveyAnswers.Add(new SurveyAnswer
        {
            Contact = id,
            Client = invitation.Client,
            Queue = invitation.Queue,
            Channel = invitation.Channel,
            Agent = invitation.Agent,
            Answered = time.GetUtcNow(),
            Satisfaction = request.Satisfaction,
            Resolved = request.Resolved,
            Recommend = request.Recommend,
            Effort = request.Effort,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict("The survey was already answered.");
        }

        return TypedResults.Created($"/api/chat/conversations/{id}/survey");
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Transcript(
        Guid id, TranscriptRequest request, HttpContext http, ChatConversations conversations, Transcripts transcripts, CancellationToken cancellationToken)
    {
        var (conversation, refusal) = await AuthenticateAsync(id, http, conversations, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        if (!transcripts.Configured)
        {
            return Problems.Conflict("Transcripts by email are not set up.");
        }

        var messages = await conversations.ReadMessagesAsync(conversation, 0, cancellationToken);
        return await transcripts.TrySendAsync(request.Email, messages, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mail unavailable",
                detail: "The transcript could not be sent now; try again later.");
    }

    /// <summary>
    /// The conversation the request's token opens: 401 without a token; 404 when the token does not open this id,
    /// whether or not a conversation with the id exists (so nothing is learnt by guessing ids).
    /// </summary>
    private static async Task<(LiveConversation? Conversation, ProblemHttpResult? Refusal)> AuthenticateAsync(
        Guid id, HttpContext http, ChatConversations conversations, CancellationToken cancellationToken)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase) || header.Length <= Scheme.Length + 1 || header.Length > 200)
        {
            http.Response.Headers.WWWAuthenticate = Scheme;
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: $"Send the conversation's token: Authorization: {Scheme} <token>."));
        }

        var token = header[(Scheme.Length + 1)..].Trim();
        return await conversations.AuthenticateAsync(id, token, cancellationToken) is { } conversation
            ? (conversation, null)
            : (null, Problems.NotFound($"No conversation {id}."));
    }

    private static ProblemHttpResult NoWidget(string widget) => Problems.NotFound($"No chat widget '{widget}'.");

    private static ProblemHttpResult Over() => Problems.Conflict("The conversation has ended.");

    private static Language? Offered(WidgetEntry widget, string language)
    {
        try
        {
            var parsed = new Language(language);
            return widget.Languages.Any(l => new Language(l).Matches(parsed)) ? parsed : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
