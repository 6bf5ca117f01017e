namespace Switchboard.Cases;

/// <summary>Where a case stands.</summary>
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

/// <summary>What happens to a case.</summary>
public enum CaseStep
{
    /// <summary>The customer wrote (a reply threaded into the case).</summary>
    CustomerWrote = 1,

    /// <summary>An agent replied to the customer.</summary>
    AgentReplied = 2,

    /// <summary>An agent marked it solved.</summary>
    Solve = 3,

    /// <summary>It is closed for good (by an agent, or after a quiet period the host decides).</summary>
    Close = 4,
}

/// <summary>The outcome of a step: the status it leads to, or why the case cannot take it.</summary>
public abstract record CaseChange
{
    private CaseChange()
    {
    }

    public sealed record Moved(CaseStatus Status) : CaseChange;

    public sealed record Refused(string Reason) : CaseChange;
}

/// <summary>
/// The case lifecycle: open → pending customer (an agent replied) → open again (the customer wrote) → solved → closed.
/// A customer writing reopens a pending or solved case; nothing moves a closed case.
/// </summary>
public static class CaseLifecycle
{
    public static CaseChange Next(CaseStatus status, CaseStep step) => (status, step) switch
    {
        (CaseStatus.Closed, _) => new CaseChange.Refused("The case is closed."),
        (_, CaseStep.CustomerWrote) => new CaseChange.Moved(CaseStatus.Open),
        (CaseStatus.Open or CaseStatus.PendingCustomer, CaseStep.AgentReplied) => new CaseChange.Moved(CaseStatus.PendingCustomer),
        (CaseStatus.Solved, CaseStep.AgentReplied) => new CaseChange.Moved(CaseStatus.Solved),
        (CaseStatus.Open or CaseStatus.PendingCustomer, CaseStep.Solve) => new CaseChange.Moved(CaseStatus.Solved),
        (CaseStatus.Solved, CaseStep.Solve) => new CaseChange.Refused("The case is already solved."),
        (CaseStatus.Solved, CaseStep.Close) => new CaseChange.Moved(CaseStatus.Closed),
        (_, CaseStep.Close) => new CaseChange.Refused("Only a solved case can be closed."),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a case step."),
    };
}
