using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Contacts;

/// <summary>What a channel adapter knows about a contact when it asks for an agent.</summary>
/// <remarks>
/// Immutable and shareable: a channel adapter may reuse one instance for every contact on the same path.
/// The required skills apply on top of every routing stage of the queue.
/// </remarks>
public sealed record NewContact
{
    public NewContact(Channel channel, QueueId queue, Language customerLanguage)
    {
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel.");
        }

        Channel = channel;
        Queue = queue;
        CustomerLanguage = customerLanguage;
    }

    public Channel Channel { get; init; }

    public QueueId Queue { get; init; }

    /// <summary>The customer's language; agents must speak it unless a stage allows an interpreter.</summary>
    public Language CustomerLanguage { get; init; }

    /// <summary>Skills this particular contact needs, beyond what its queue's stages ask.</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; init; } = [];

    /// <summary>Higher is served first; 0 is ordinary. Ages with waiting when the routing options say so.</summary>
    public int Priority { get; init; }

    public ContactAttributes Attributes { get; init; } = ContactAttributes.None;

    /// <summary>The agent this contact is kept for at first, and for how long; null for none (any qualified agent).</summary>
    public AgentPreference? PreferredAgent { get; init; }
}
