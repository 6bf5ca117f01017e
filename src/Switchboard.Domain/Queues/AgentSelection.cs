namespace Switchboard.Queues;

/// <summary>Which of several free, qualified agents a queue's contact goes to. Ties fall to the agent idle longest, then to the lower agent id.</summary>
public enum AgentSelection
{
    /// <summary>The agent who has been without work the longest: spreads work fairly. The default.</summary>
    LongestIdle = 1,

    /// <summary>The agent with the highest proficiency in the skills the contact needs.</summary>
    MostProficient = 2,

    /// <summary>The agent holding the smallest share of their capacity on the contact's channel (for chats and emails).</summary>
    LeastOccupied = 3,
}

/// <summary>Whether a stage may use agents who do not speak the customer's language.</summary>
public enum LanguageRule
{
    /// <summary>Only agents who speak the customer's language. The default; never relaxed implicitly.</summary>
    CustomerLanguage = 1,

    /// <summary>Any qualified agent: the stage says explicitly that an interpreter will join.</summary>
    Interpreter = 2,
}
