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
}
