namespace Switchboard.Kpis;

/// <summary>
/// Every KPI Switchboard computes from its routing log (and, for the complaint KPIs, from its complaint log), in report order. docs/kpi-catalogue.md states each formula and
/// which method parameters it reads; a test keeps the two in step.
/// </summary>
public static class KpiCatalogue
{
    public static readonly KpiId Offered = new("offered");
    public static readonly KpiId TurnedAway = new("turned-away");
    public static readonly KpiId Answered = new("answered");
    public static readonly KpiId Abandoned = new("abandoned");
    public static readonly KpiId ServiceLevel = new("service-level");
    public static readonly KpiId AverageSpeedOfAnswer = new("average-speed-of-answer");
    public static readonly KpiId WaitP50 = new("wait-p50");
    public static readonly KpiId WaitP90 = new("wait-p90");
    public static readonly KpiId WaitP95 = new("wait-p95");
    public static readonly KpiId LongestWait = new("longest-wait");
    public static readonly KpiId AbandonmentRate = new("abandonment-rate");
    public static readonly KpiId AverageTimeToAbandon = new("average-time-to-abandon");
    public static readonly KpiId TimeToHuman = new("time-to-human");
    public static readonly KpiId AverageHandleTime = new("average-handle-time");
    public static readonly KpiId AverageTalkTime = new("average-talk-time");
    public static readonly KpiId AverageWrapUpTime = new("average-wrap-up-time");
    public static readonly KpiId ContactsPerAgent = new("contacts-per-agent");
    public static readonly KpiId Occupancy = new("occupancy");
    public static readonly KpiId ExpectedWaitError = new("expected-wait-error");
    public static readonly KpiId ExpectedWaitWithinRange = new("expected-wait-within-range");
    public static readonly KpiId CallbacksRequested = new("callbacks-requested");
    public static readonly KpiId CallbackPromisesKept = new("callback-promises-kept");
    public static readonly KpiId SurveyResponseRate = new("survey-response-rate");
    public static readonly KpiId CustomerSatisfaction = new("customer-satisfaction");
    public static readonly KpiId ResolvedBySurvey = new("resolved-by-survey");
    public static readonly KpiId FirstContactResolution = new("first-contact-resolution");
    public static readonly KpiId NetPromoterScore = new("net-promoter-score");
    public static readonly KpiId CustomerEffort = new("customer-effort");
    public static readonly KpiId ComplaintsReceived = new("complaints-received");
    public static readonly KpiId ComplaintsPerThousandContacts = new("complaints-per-1000-contacts");
    public static readonly KpiId ComplaintsAcknowledgedOnTime = new("complaints-acknowledged-on-time");
    public static readonly KpiId ComplaintsRespondedOnTime = new("complaints-responded-on-time");
    public static readonly KpiId ComplaintTimeToFinalResponse = new("complaint-time-to-final-response");
    public static readonly KpiId ComplaintsEscalated = new("complaints-escalated");
    public static readonly KpiId ComplaintsReopened = new("complaints-reopened");
    public static readonly KpiId ComplaintSurveyResponseRate = new("complaint-survey-response-rate");
    public static readonly KpiId ComplaintHandlingSatisfaction = new("complaint-handling-satisfaction");

    /// <summary>The KPIs in report order.</summary>
    public static IReadOnlyList<Kpi> All { get; } =
    [
        new(Offered, "Offered", KpiUnit.Count, null, "Contacts that entered the queue (transfers per the offered method); turned-away contacts and scheduled callbacks are not offered."),
        new(TurnedAway, "Turned away", KpiUnit.Count, false, "Contacts refused because the queue was full."),
        new(Answered, "Answered", KpiUnit.Count, null, "Offered contacts connected to an agent while the customer waited."),
        new(Abandoned, "Abandoned", KpiUnit.Count, false, "Offered contacts whose customer left before being connected."),
        new(ServiceLevel, "Service level", KpiUnit.Ratio, true, "Share answered within the answer threshold, with abandons and callbacks counted as the method says."),
        new(AverageSpeedOfAnswer, "Average speed of answer", KpiUnit.Seconds, false, "Mean wait of answered contacts."),
        new(WaitP50, "Wait, median", KpiUnit.Seconds, false, "Median wait of answered contacts."),
        new(WaitP90, "Wait, 90th percentile", KpiUnit.Seconds, false, "90th percentile wait of answered contacts."),
        new(WaitP95, "Wait, 95th percentile", KpiUnit.Seconds, false, "95th percentile wait of answered contacts."),
        new(LongestWait, "Longest wait", KpiUnit.Seconds, false, "Longest wait of any answered or abandoned contact."),
        new(AbandonmentRate, "Abandonment rate", KpiUnit.Ratio, false, "Abandoned over offered (short abandons left out of both when the method says so)."),
        new(AverageTimeToAbandon, "Average time to abandon", KpiUnit.Seconds, null, "Mean wait of abandoned contacts."),
        new(TimeToHuman, "Time to reach a human", KpiUnit.Seconds, false, "Mean time from the customer's first arrival to the first agent connected."),
        new(AverageHandleTime, "Average handle time", KpiUnit.Seconds, null, "Mean talk plus wrap-up of handled contacts."),
        new(AverageTalkTime, "Average talk time", KpiUnit.Seconds, null, "Mean connected time of handled contacts."),
        new(AverageWrapUpTime, "Average wrap-up time", KpiUnit.Seconds, null, "Mean wrap-up of handled contacts."),
        new(ContactsPerAgent, "Contacts per agent", KpiUnit.Count, null, "Handled contacts over the agents who handled them."),
        new(Occupancy, "Occupancy", KpiUnit.Ratio, null, "Agents' time handling or wrapping up contacts over that time plus their available idle time (breaks left out); per agent or for all agents only."),
        new(ExpectedWaitError, "Expected-wait error", KpiUnit.Seconds, false, "Mean absolute difference between the wait announced at arrival and the wait until answer."),
        new(ExpectedWaitWithinRange, "Expected wait within range", KpiUnit.Ratio, true, "Share of answered contacts whose wait fell inside the range announced at arrival."),
        new(CallbacksRequested, "Callbacks requested", KpiUnit.Count, null, "Waiting customers who swapped to a callback that kept their place."),
        new(CallbackPromisesKept, "Callback promises kept", KpiUnit.Ratio, true, "Scheduled callbacks connected inside their window over those whose promise was decided."),
        new(SurveyResponseRate, "Survey response rate", KpiUnit.Ratio, true, "Survey responses over customers invited to the survey."),
        new(CustomerSatisfaction, "Customer satisfaction (CSAT)", KpiUnit.Ratio, true, "Share of satisfaction answers at or above the satisfied score (top-two-box by default)."),
        new(ResolvedBySurvey, "Resolved at first contact (survey)", KpiUnit.Ratio, true, "Share of customers answering that their issue was resolved."),
        new(FirstContactResolution, "Resolved at first contact (operational)", KpiUnit.Ratio, true, "Share of assessable handled contacts whose customer did not come back for the same reason within the repeat window, on any channel."),
        new(NetPromoterScore, "Net promoter score", KpiUnit.Score, true, "Promoters (9-10) minus detractors (0-6), as a percentage of recommendation answers."),
        new(CustomerEffort, "Customer effort", KpiUnit.Score, false, "Mean effort answer, 1 (very easy) to 5 (very difficult)."),
        new(ComplaintsReceived, "Complaints received", KpiUnit.Count, false, "Complaints received, counted where they were received."),
        new(ComplaintsPerThousandContacts, "Complaints per 1,000 contacts", KpiUnit.Count, false, "Complaints received per 1,000 handled contacts of the same cell."),
        new(ComplaintsAcknowledgedOnTime, "Complaints acknowledged on time", KpiUnit.Ratio, true, "Share of complaints whose acknowledgement target was met by its due time, of those met or overdue."),
        new(ComplaintsRespondedOnTime, "Final responses on time", KpiUnit.Ratio, true, "Share of complaints whose final response target was met by its due time, of those met or overdue."),
        new(ComplaintTimeToFinalResponse, "Time to final response", KpiUnit.Seconds, false, "Mean business time on the client's opening hours from receipt to the first final response sent."),
        new(ComplaintsEscalated, "Complaints escalated", KpiUnit.Ratio, false, "Share of complaints escalated above the ladder's first rung."),
        new(ComplaintsReopened, "Complaints reopened", KpiUnit.Ratio, false, "Share of closed complaints that were reopened."),
        new(ComplaintSurveyResponseRate, "Complaint survey response rate", KpiUnit.Ratio, true, "Complaint-handling survey answers over customers invited to it."),
        new(ComplaintHandlingSatisfaction, "Satisfaction with complaint handling", KpiUnit.Ratio, true, "Share of complaint-handling survey answers at or above the satisfied score (top-two-box by default)."),
    ];

    private static readonly Dictionary<KpiId, Kpi> ById = All.ToDictionary(k => k.Id);

    /// <summary>The catalogue entry of a KPI, or null for a name the catalogue does not know.</summary>
    public static Kpi? Find(KpiId id) => ById.GetValueOrDefault(id);

    /// <summary>The catalogue entry of a KPI by its name, or null.</summary>
    public static Kpi? Find(string name) => string.IsNullOrWhiteSpace(name) ? null : Find(new KpiId(name));
}
