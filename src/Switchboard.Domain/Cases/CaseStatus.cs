namespace Switchboard.Cases;

/// <summary>Where a case stands (see <see cref="Case"/> for how it moves).</summary>
public enum CaseStatus
{
    /// <summary>The centre owes the customer an answer.</summary>
    Open = 1,

    /// <summary>The centre answered and waits on the customer.</summary>
    PendingCustomer = 2,

    /// <summary>The centre considers it done; a customer's reply reopens it.</summary>
    Solved = 3,

    /// <summary>Final: a customer's later mail starts a new case.</summary>
    Closed = 4,

    /// <summary>
    /// The centre waits on a third party (a supplier, a carrier, another department): the clock is paused until an
    /// agent records the answer; the customer's mail meanwhile does not resume it.
    /// </summary>
    WaitingOnThirdParty = 5,
}
