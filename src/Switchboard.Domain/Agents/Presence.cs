namespace Switchboard.Agents;

/// <summary>An agent's presence as routing and the wallboard see it.</summary>
/// <remarks>
/// An agent chooses <see cref="Offline"/>, <see cref="Available"/> or <see cref="Break"/>; the engine derives
/// <see cref="Busy"/> and <see cref="WrapUp"/> from the contacts in hand, and sets <see cref="NotResponding"/>
/// after missed offers.
/// </remarks>
public enum Presence
{
    /// <summary>Signed out; never offered anything.</summary>
    Offline = 1,

    /// <summary>Signed in, ready for contacts, holding none.</summary>
    Available = 2,

    /// <summary>Available and holding at least one offered or connected contact.</summary>
    Busy = 3,

    /// <summary>Available, with no conversation in hand, finishing after-contact work.</summary>
    WrapUp = 4,

    /// <summary>On a break, with a reason; never offered anything.</summary>
    Break = 5,

    /// <summary>Missed too many offers in a row; not offered anything until they make themselves available again.</summary>
    NotResponding = 6,
}
