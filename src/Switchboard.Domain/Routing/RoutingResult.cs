namespace Switchboard.Routing;

/// <summary>The outcome of a routing command: <see cref="Done"/>, or why it was refused. Refusals change nothing.</summary>
public enum RoutingResult
{
    Done = 1,
    UnknownContact = 2,
    UnknownAgent = 3,
    UnknownQueue = 4,

    /// <summary>The contact is not in a state that allows this (for example, completing a contact still waiting).</summary>
    WrongContactState = 5,

    /// <summary>The queue already holds its maximum number of waiting contacts.</summary>
    QueueFull = 6,

    /// <summary>Agents may only choose offline, available or break.</summary>
    PresenceNotChoosable = 7,

    /// <summary>The agent cannot go offline or change skills while holding contacts.</summary>
    AgentHoldsContacts = 8,

    /// <summary>A queue with this id exists already.</summary>
    QueueExists = 9,

    /// <summary>A stage overflows to a queue that does not exist.</summary>
    UnknownOverflowQueue = 10,

    /// <summary>A scheduled callback's window has already ended.</summary>
    WindowInThePast = 11,

    /// <summary>The contact's channel cannot become a callback (it is one already, or an email).</summary>
    CallbackNotPossible = 12,
}
