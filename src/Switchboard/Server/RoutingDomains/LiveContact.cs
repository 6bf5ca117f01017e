using Switchboard.Contacts;
using Switchboard.Persistence.Contacts;

namespace Switchboard.Server.RoutingDomains;

/// <summary>The writer's copy of a contact's read-model row while the contact is live: changed in memory as events
/// are recorded, written back in the same transaction as the events.</summary>
internal sealed class LiveContact
{
    public required ContactRecord Row { get; init; }

    public bool Dirty { get; set; }

    public static LiveContact Arrived(Guid id, string domain, long number, NewContact contact, string client, DateTimeOffset at, string? idempotencyKey) => new()
    {
        Row = new ContactRecord
        {
            Id = id,
            Domain = domain,
            Number = number,
            Client = client,
            Queue = contact.Queue.Value,
            Channel = (int)contact.Channel,
            Language = contact.CustomerLanguage.Tag,
            Priority = contact.Priority,
            State = (int)ContactState.Waiting,
            Arrived = at,
            Updated = at,
            VulnerableCustomer = contact.Attributes.VulnerableCustomer,
            RepeatContact = contact.Attributes.RepeatContact,
            IdempotencyKey = idempotencyKey,
        },
    };

    public bool IsFinished => Row.State is (int)ContactState.Completed or (int)ContactState.Abandoned;
}
