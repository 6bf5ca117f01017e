using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Kpis;

/// <summary>What operational first contact resolution needs to know of one contact.</summary>
public sealed record ContactHistoryEntry
{
    /// <summary>The contact's public id.</summary>
    public required Guid Contact { get; init; }

    /// <summary>When the customer first arrived (UTC).</summary>
    public required DateTimeOffset Arrived { get; init; }

    /// <summary>The client whose customer it is: keys are only compared within one client.</summary>
    public required string Client { get; init; }

    /// <summary>The customer's normalised keys (phone, email, client reference), each prefixed by its kind so two
    /// kinds never match; empty when the customer is unknown.</summary>
    public required IReadOnlyList<string> CustomerKeys { get; init; }

    /// <summary>The contact reason recorded at wrap-up, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Whether an agent handled it (it was connected): only handled contacts are assessed; any contact can be a repeat.</summary>
    public bool Handled { get; init; }

    /// <summary>The queue it was last in (the report's queue key).</summary>
    public required QueueId Queue { get; init; }

    public Channel Channel { get; init; }

    public Language? Language { get; init; }

    /// <summary>The agent who last held it.</summary>
    public AgentId? Agent { get; init; }
}

/// <summary>The verdict on one handled contact.</summary>
public enum ResolutionVerdict
{
    /// <summary>No repeat contact within the window: resolved at first contact.</summary>
    Resolved = 1,

    /// <summary>The same customer came back within the window (for the same reason, when the method requires it).</summary>
    Repeated = 2,

    /// <summary>No customer key (or no reason when the method requires the same reason): cannot be assessed.</summary>
    NotAssessable = 3,
}

/// <summary>A handled contact's verdict. <paramref name="Provisional"/> is true when it is resolved so far but its
/// window had not elapsed when the contacts were read, so a repeat may still come.</summary>
public readonly record struct ContactResolution(ContactHistoryEntry Contact, ResolutionVerdict Verdict, bool Provisional);

/// <summary>
/// Operational first contact resolution: reads contacts in arrival order and gives each handled contact its verdict once
/// its repeat window has passed, keeping only the contacts of the last window and, per customer key (and reason), the
/// customer's last contact in it: memory bounded by one window's contacts, never a cross join.
/// </summary>
/// <remarks>A repeat is any later contact of the same client sharing any customer key, arriving at most
/// <see cref="KpiParameters.RepeatWindow"/> after, on any channel; with <see cref="KpiParameters.RepeatNeedsSameReason"/>
/// it must also carry the same reason (so only a handled contact with a reason can be a repeat).</remarks>
public sealed class RepeatContacts
{
    private readonly TimeSpan window;
    private readonly bool sameReason;
    private readonly Action<ContactResolution> settled;
    private readonly Queue<Pending> pending = new();
    private readonly Dictionary<(string Client, string Key, string? Reason), Pending> lastSeen = [];
    private DateTimeOffset lastArrival = DateTimeOffset.MinValue;

    /// <summary>A reader by a method's <see cref="KpiParameters.RepeatWindow"/> and <see cref="KpiParameters.RepeatNeedsSameReason"/>,
    /// calling <paramref name="settled"/> with each handled contact's verdict.</summary>
    public RepeatContacts(KpiParameters method, Action<ContactResolution> settled)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(settled);
        window = method.RepeatWindow;
        sameReason = method.RepeatNeedsSameReason;
        this.settled = settled;
    }

    /// <summary>Take the next contact, in arrival order.</summary>
    public void Add(ContactHistoryEntry contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Arrived < lastArrival)
        {
            throw new ArgumentException("Contacts are read in arrival order.", nameof(contact));
        }

        lastArrival = contact.Arrived;

        // Contacts whose window closed before this arrival can no longer be repeated.
        while (pending.TryPeek(out var oldest) && oldest.Contact.Arrived + window < contact.Arrived)
        {
            Settle(pending.Dequeue(), provisional: false);
        }

        var reason = string.IsNullOrWhiteSpace(contact.Reason) ? null : contact.Reason;
        var matchable = contact.CustomerKeys.Count > 0 && (!sameReason || reason is not null);
        if (!matchable)
        {
            if (contact.Handled)
            {
                settled(new ContactResolution(contact, ResolutionVerdict.NotAssessable, false));
            }

            return;
        }

        var entry = new Pending(contact, sameReason ? reason : null);
        foreach (var key in contact.CustomerKeys)
        {
            var index = (contact.Client, key, entry.Reason);
            if (lastSeen.TryGetValue(index, out var earlier) && contact.Arrived - earlier.Contact.Arrived <= window)
            {
                earlier.Repeated = true;
            }

            lastSeen[index] = entry;
        }

        pending.Enqueue(entry);
    }

    /// <summary>Give every contact still waiting for its window its verdict, the contacts having been read up to
    /// <paramref name="asOf"/>: resolved ones whose window reaches past it are provisional.</summary>
    public void Finish(DateTimeOffset asOf)
    {
        while (pending.TryDequeue(out var entry))
        {
            Settle(entry, provisional: entry.Contact.Arrived + window >= asOf);
        }
    }

    private void Settle(Pending entry, bool provisional)
    {
        foreach (var key in entry.Contact.CustomerKeys)
        {
            var index = (entry.Contact.Client, key, entry.Reason);
            if (lastSeen.TryGetValue(index, out var last) && ReferenceEquals(last, entry))
            {
                lastSeen.Remove(index);
            }
        }

        if (entry.Contact.Handled)
        {
            settled(entry.Repeated
                ? new ContactResolution(entry.Contact, ResolutionVerdict.Repeated, false)
                : new ContactResolution(entry.Contact, ResolutionVerdict.Resolved, provisional));
        }
    }

    private sealed class Pending(ContactHistoryEntry contact, string? reason)
    {
        public ContactHistoryEntry Contact { get; } = contact;

        /// <summary>The reason keys are indexed under: the contact's when the method needs the same reason, else null.</summary>
        public string? Reason { get; } = reason;

        public bool Repeated { get; set; }
    }
}
