using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Contacts;
using Switchboard.Persistence.Contacts;
using Switchboard.Queues;
using Switchboard.Server.Callbacks;
using Switchboard.Server.Contacts;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;
using Switchboard.Skills;

namespace Switchboard.Server.Chat;

/// <summary>
/// A callback booked from the widget when no chat can start (the topic's queue is closed), and what every request
/// made from the widget without a conversation checks first (<see cref="ChooseAsync"/>).
/// </summary>
internal static partial class ChatApi
{
    /// <summary>
    /// How long the promise to call lasts from the queue's opening: two hours, long enough for the opening rush and
    /// short enough that "we will call you soon after we open" stays true.
    /// </summary>
    public static readonly TimeSpan ClosedCallbackWindow = TimeSpan.FromHours(2);

    /// <summary>
    /// A callback instead of a chat: the number to call (E.164), the widget's language and topic, and optionally the
    /// earliest time the customer wants the call (UTC or with an offset; the window starts at the queue's first opening
    /// at or after it; absent: the next opening).
    /// </summary>
    public sealed record WidgetCallbackRequest(
        [property: Required, RegularExpression(@"^\+[1-9][0-9]{6,14}$", ErrorMessage = "A number in E.164 form, such as +441632960961.")] string Phone,
        [property: Required, StringLength(35, MinimumLength = 2)] string Language,
        [property: Required, StringLength(64)] string Topic,
        DateTimeOffset? After = null);

    /// <summary>A booked callback: its contact and the window (UTC) in which the centre will call.</summary>
    public sealed record CallbackBooked(Guid Contact, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

    /// <summary>
    /// The customer asks to be called once the topic's queue opens: a scheduled callback for
    /// <see cref="ClosedCallbackWindow"/> from the queue's next opening (from now when it is open), with the number kept
    /// apart from the routing log like every callback's. 422 when the queue has no opening within the booking horizon.
    /// </summary>
    public static async Task<Results<Created<CallbackBooked>, ValidationProblem, ProblemHttpResult>> CallbackInstead(
        string widget, WidgetCallbackRequest request, ChatWidgets widgets, QueueDirectory queues, RoutingDomainHost domains, TimeProvider time, CancellationToken cancellationToken)
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

        var now = time.GetUtcNow();
        var after = request.After?.ToUniversalTime() is { } asked && asked > now ? asked : now;
        if (after - now > CallbacksApi.FurthestAhead)
        {
            return Problems.Field("after", $"At most {CallbacksApi.FurthestAhead.TotalDays:0} days ahead.");
        }

        var (open, nextOpening) = queue.OpenAt(after);
        if ((open ? after : nextOpening) is not { } opens || opens - now > CallbacksApi.FurthestAhead)
        {
            return Problems.Invalid("This topic has no opening hours set within the booking horizon, so no callback can be promised.");
        }

        var booking = new CallbackBooking(
            new NewContact(Channel.Callback, new QueueId(topic.Queue), language) { Attributes = new ContactAttributes(entry.Client) },
            new CallbackWindow(opens, opens + ClosedCallbackWindow));
        var answer = await (await domains.GetAsync(queue.Domain)).Run(batch =>
        {
            var arrival = batch.ScheduleCallback(booking, entry.Client, null);
            if (arrival is ContactArrival.Queued booked)
            {
                // Committed with the booking's events or not at all.
                batch.Stage(db => db.CallbackCustomers.Add(new CallbackCustomer { Contact = booked.Id, Client = entry.Client, PhoneNumber = request.Phone }));
                // As the in-chat callback: the number to call finds the callback among the customer's contacts.
                CustomerKeys.Stage(batch, booked.Id, entry.Client, CustomerKey.TryPhone(request.Phone, out var phone) ? [phone!] : []);
            }

            return arrival;
        });
        return answer switch
        {
            ContactArrival.Queued queued => TypedResults.Created($"/api/contacts/{queued.Id}", new CallbackBooked(queued.Id, opens, opens + ClosedCallbackWindow)),
            ContactArrival.Refused refused => Problems.From(refused.Result),
            _ => throw new InvalidOperationException("Unexpected arrival."),
        };
    }

    /// <summary>What a request made without a conversation names: the widget, a topic with its queue, and a language.</summary>
    private sealed record WidgetChoice(WidgetEntry Entry, WidgetTopic Topic, QueueEntry Queue, Language Language);

    /// <summary>The widget, topic and language a request names; else 404 for no such widget, or 400 naming the field.</summary>
    private static async Task<(WidgetChoice? Choice, ProblemHttpResult? NoWidget, ValidationProblem? Invalid)> ChooseAsync(
        string widget, string topicId, string languageTag, ChatWidgets widgets, QueueDirectory queues, CancellationToken cancellationToken)
    {
        if (await widgets.FindAsync(widget, cancellationToken) is not { } entry)
        {
            return (null, NoWidget(widget), null);
        }

        if (entry.Topic(topicId) is not { } topic || await queues.FindAsync(topic.Queue, cancellationToken) is not { } queue)
        {
            return (null, null, Problems.Field("topic", "One of the widget's topics."));
        }

        return Offered(entry, languageTag) is { } language
            ? (new WidgetChoice(entry, topic, queue, language), null, null)
            : (null, null, Problems.Field("language", "One of the widget's languages: " + string.Join(", ", entry.Languages) + "."));
    }
}
