namespace Switchboard.Contacts;

/// <summary>Where a contact is in its life. Every contact that arrived is in exactly one of these at every moment.</summary>
public enum ContactState
{
    /// <summary>In its queue, waiting for an agent.</summary>
    Waiting = 1,

    /// <summary>Offered to one agent, who has not answered yet.</summary>
    Offered = 2,

    /// <summary>Talking, chatting or being worked on by its agent.</summary>
    Connected = 3,

    /// <summary>The conversation ended; the agent is finishing its after-contact work.</summary>
    WrapUp = 4,

    /// <summary>Handled and wrapped up. Final.</summary>
    Completed = 5,

    /// <summary>The customer left (or cancelled a callback) before being connected. Final.</summary>
    Abandoned = 6,

    /// <summary>The customer asked to be called back; the callback holds their place, or waits for its window.</summary>
    CallbackPending = 7,
}
