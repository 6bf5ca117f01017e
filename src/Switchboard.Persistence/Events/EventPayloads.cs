using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Turns a <see cref="RoutingEvent"/> into a <see cref="StoredEvent"/> row and back. The rare payloads (queue
/// definitions, agent profiles, new contacts, bookings, dispositions) and the announced wait travel as JSON in the
/// row's payload column, in explicit shapes that do not change when the domain types are refactored.
/// </summary>
public static class EventPayloads
{
    /// <summary>The payload JSON of an event, or null when its kind carries none.</summary>
    public static string? Write(in RoutingEvent e)
    {
        StoredPayload? payload = e.Detail switch
        {
            null when e.Estimate is null => null,
            null => new StoredPayload(),
            QueueDefinition queue => new StoredPayload { Queue = QueueShape.From(queue) },
            AgentProfile agent => new StoredPayload { Agent = AgentShape.From(agent) },
            NewContact contact => new StoredPayload { Contact = ContactShape.From(contact) },
            CallbackBooking booking => new StoredPayload { Contact = ContactShape.From(booking.Contact), WindowStart = booking.Window.Start, WindowEnd = booking.Window.End },
            Disposition disposition => new StoredPayload { Outcome = disposition.Outcome, Reason = disposition.Reason, Complaint = disposition.Complaint ? true : null },
            Skill skill => new StoredPayload { Skill = skill.Name },
            string text => new StoredPayload { Text = text },
            _ => throw new InvalidOperationException($"Event {e.Type} carries a payload of type {e.Detail.GetType().Name} that has no stored shape."),
        };
        if (payload is null)
        {
            return null;
        }

        if (e.Estimate is { } estimate)
        {
            payload = payload with { Estimate = EstimateShape.From(estimate) };
        }

        return JsonSerializer.Serialize(payload, PayloadJson.Default.StoredPayload);
    }

    /// <summary>The row that stores <paramref name="e"/> in <paramref name="domain"/>'s log, with the client and public
    /// contact id the engine does not know.</summary>
    public static StoredEvent ToRow(in RoutingEvent e, string domain, string? client, Guid? contact) => new()
    {
        Domain = domain,
        Sequence = e.Sequence,
        At = e.At,
        Type = (int)e.Type,
        Client = client,
        ContactNumber = e.Contact.Value,
        Contact = contact,
        Agent = e.Agent?.Value,
        Offer = e.Offer.Value,
        Queue = e.Queue?.Value,
        Number = e.Number,
        Until = e.Until,
        Payload = Write(in e),
    };

    /// <summary>Rebuilds the engine's event from a stored row and the engine's contact number.</summary>
    public static RoutingEvent Read(StoredEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = (RoutingEventType)row.Type;
        var payload = row.Payload is null ? null : JsonSerializer.Deserialize(row.Payload, PayloadJson.Default.StoredPayload);
        return new RoutingEvent
        {
            Sequence = row.Sequence,
            At = row.At,
            Type = type,
            Contact = new ContactId(row.ContactNumber),
            Agent = row.Agent is null ? null : new AgentId(row.Agent),
            Offer = new OfferId(row.Offer),
            Queue = row.Queue is null ? null : new QueueId(row.Queue),
            Number = row.Number,
            Until = row.Until,
            Estimate = payload?.Estimate?.ToEstimate(),
            Detail = payload is null ? null : DetailOf(type, payload),
        };
    }

    private static object? DetailOf(RoutingEventType type, StoredPayload payload) => type switch
    {
        RoutingEventType.QueueConfigured or RoutingEventType.QueueReconfigured => payload.Queue!.ToDefinition(),
        RoutingEventType.AgentConfigured => payload.Agent!.ToProfile(),
        RoutingEventType.ContactQueued or RoutingEventType.ContactRefused => payload.Contact!.ToNewContact(),
        RoutingEventType.CallbackScheduled =>
            new CallbackBooking(payload.Contact!.ToNewContact(), new CallbackWindow(payload.WindowStart!.Value, payload.WindowEnd!.Value)),
        RoutingEventType.DispositionRecorded or RoutingEventType.ContactCompleted when payload.Outcome is not null =>
            new Disposition(payload.Outcome, payload.Reason) { Complaint = payload.Complaint == true },
        RoutingEventType.CertificationExpired => new Skill(payload.Skill!),
        RoutingEventType.AgentPresenceChanged => payload.Text,
        _ => null,
    };
}

internal sealed record StoredPayload
{
    public QueueShape? Queue { get; init; }

    public AgentShape? Agent { get; init; }

    public ContactShape? Contact { get; init; }

    public DateTimeOffset? WindowStart { get; init; }

    public DateTimeOffset? WindowEnd { get; init; }

    public string? Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary>True when the agent said the contact is a complaint; absent otherwise (older rows have none).</summary>
    public bool? Complaint { get; init; }

    public string? Skill { get; init; }

    public string? Text { get; init; }

    public EstimateShape? Estimate { get; init; }
}

internal sealed record RequirementShape(string Skill, int Minimum)
{
    public static RequirementShape From(SkillRequirement r) => new(r.Skill.Name, r.Minimum.Level);

    public SkillRequirement ToRequirement() => new(new Skill(Skill), new Proficiency(Minimum));
}

internal sealed record StageShape(long AfterTicks, IReadOnlyList<RequirementShape> Skills, int Language, int MinimumLanguageProficiency, string? OverflowTo)
{
    public static StageShape From(RoutingStage s) =>
        new(s.After.Ticks, [.. s.Skills.Select(RequirementShape.From)], (int)s.Language, s.MinimumLanguageProficiency.Level, s.OverflowTo?.Value);

    public RoutingStage ToStage() => new(TimeSpan.FromTicks(AfterTicks), [.. Skills.Select(r => r.ToRequirement())])
    {
        Language = (LanguageRule)Language,
        MinimumLanguageProficiency = new Proficiency(MinimumLanguageProficiency),
        OverflowTo = OverflowTo is null ? null : new QueueId(OverflowTo),
    };
}

internal sealed record QueueShape(
    string Id,
    IReadOnlyList<StageShape> Stages,
    int Selection,
    int MaximumWaiting,
    long OfferTimeoutTicks,
    long? WrapUpLimitTicks,
    long? CallbackOfferThresholdTicks,
    long ExpectedHandleTimeTicks,
    int ScheduledCallbackPriority)
{
    public static QueueShape From(QueueDefinition q) => new(
        q.Id.Value,
        [.. q.Stages.Select(StageShape.From)],
        (int)q.Selection,
        q.MaximumWaiting,
        q.OfferTimeout.Ticks,
        q.WrapUpLimit?.Ticks,
        q.CallbackOfferThreshold?.Ticks,
        q.ExpectedHandleTime.Ticks,
        q.ScheduledCallbackPriority);

    public QueueDefinition ToDefinition() => new(new QueueId(Id), [.. Stages.Select(s => s.ToStage())])
    {
        Selection = (AgentSelection)Selection,
        MaximumWaiting = MaximumWaiting,
        OfferTimeout = TimeSpan.FromTicks(OfferTimeoutTicks),
        WrapUpLimit = WrapUpLimitTicks is { } w ? TimeSpan.FromTicks(w) : null,
        CallbackOfferThreshold = CallbackOfferThresholdTicks is { } c ? TimeSpan.FromTicks(c) : null,
        ExpectedHandleTime = TimeSpan.FromTicks(ExpectedHandleTimeTicks),
        ScheduledCallbackPriority = ScheduledCallbackPriority,
    };
}

internal sealed record AgentSkillShape(string Skill, int Proficiency, DateTimeOffset? CertifiedUntil);

internal sealed record AgentLanguageShape(string Tag, int Proficiency);

internal sealed record AgentShape(string Id, IReadOnlyList<AgentSkillShape> Skills, IReadOnlyList<AgentLanguageShape> Languages, int[] Capacity)
{
    public static AgentShape From(AgentProfile a) => new(
        a.Id.Value,
        [.. a.Skills.Select(s => new AgentSkillShape(s.Skill.Name, s.Proficiency.Level, s.CertifiedUntil))],
        [.. a.Languages.Select(l => new AgentLanguageShape(l.Language.Tag, l.Proficiency.Level))],
        [a.Capacity.Voice, a.Capacity.Chat, a.Capacity.Email, a.Capacity.Sms, a.Capacity.Messaging]);

    public AgentProfile ToProfile() => new(
        new AgentId(Id),
        [.. Skills.Select(s => new AgentSkill(new Skill(s.Skill), new Proficiency(s.Proficiency), s.CertifiedUntil))],
        [.. Languages.Select(l => new AgentLanguage(new Language(l.Tag), new Proficiency(l.Proficiency)))],
        new ChannelCapacity(Capacity[0], Capacity[1], Capacity[2], Capacity[3], Capacity[4]));
}

/// <param name="PreferredAgent">The agent the contact is kept for at first; absent for none (and in rows older than preferences).</param>
/// <param name="PreferredAgentWaitTicks">How long it is kept for that agent; absent with <paramref name="PreferredAgent"/>.</param>
internal sealed record ContactShape(
    int Channel,
    string Queue,
    string Language,
    IReadOnlyList<RequirementShape> Skills,
    int Priority,
    string? Client,
    bool Vulnerable,
    bool Repeat,
    string? PreferredAgent = null,
    long? PreferredAgentWaitTicks = null)
{
    public static ContactShape From(NewContact c) => new(
        (int)c.Channel,
        c.Queue.Value,
        c.CustomerLanguage.Tag,
        [.. c.RequiredSkills.Select(RequirementShape.From)],
        c.Priority,
        c.Attributes.Client,
        c.Attributes.VulnerableCustomer,
        c.Attributes.RepeatContact,
        c.PreferredAgent?.Agent.Value,
        c.PreferredAgent?.Wait.Ticks);

    public NewContact ToNewContact() => new((Channel)Channel, new QueueId(Queue), new Language(Language))
    {
        RequiredSkills = [.. Skills.Select(r => r.ToRequirement())],
        Priority = Priority,
        Attributes = Client is null && !Vulnerable && !Repeat ? ContactAttributes.None : new ContactAttributes(Client, Vulnerable, Repeat),
        PreferredAgent = PreferredAgent is null || PreferredAgentWaitTicks is not { } wait
            ? null
            : new AgentPreference(new AgentId(PreferredAgent), TimeSpan.FromTicks(wait)),
    };
}

internal sealed record EstimateShape(long ExpectedTicks, long LowTicks, long HighTicks, int Position, int Agents)
{
    public static EstimateShape From(WaitEstimate w) => new(w.Expected.Ticks, w.Low.Ticks, w.High.Ticks, w.Position, w.Agents);

    public WaitEstimate ToEstimate() => new(TimeSpan.FromTicks(ExpectedTicks), TimeSpan.FromTicks(LowTicks), TimeSpan.FromTicks(HighTicks), Position, Agents);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredPayload))]
internal sealed partial class PayloadJson : JsonSerializerContext;
