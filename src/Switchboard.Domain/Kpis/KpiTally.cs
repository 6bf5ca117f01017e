namespace Switchboard.Kpis;

/// <summary>
/// The counts behind every KPI of one report cell (an interval, and a queue, client, agent, channel or language, or all
/// of them): each leg adds to them in O(1), and <see cref="KpiFigures.Compute"/> turns them into figures. The live
/// wallboard and the historical reports both count with this class.
/// </summary>
public sealed class KpiTally
{
    private readonly CountingRules rules;
    private readonly HashSet<string> handlingAgents = new(StringComparer.Ordinal);

    public KpiTally(KpiMethodSet methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        rules = methods.Rules();
    }

    /// <summary>A tally counting by rules already read from the methods (a report reads them once for all its cells).</summary>
    internal KpiTally(CountingRules rules) => this.rules = rules;

    public long Offered { get; private set; }

    public long TurnedAway { get; private set; }

    public long Answered { get; private set; }

    /// <summary>Answered within the service level's answer threshold.</summary>
    public long AnsweredWithin { get; private set; }

    public long Abandoned { get; private set; }

    /// <summary>Abandoned within the service level's short-abandon threshold.</summary>
    public long ShortAbandonsForServiceLevel { get; private set; }

    /// <summary>Abandoned within the abandonment rate's short-abandon threshold.</summary>
    public long ShortAbandonsForRate { get; private set; }

    public TimeSpan AbandonWaitTotal { get; private set; }

    public TimeSpan AnsweredWaitTotal { get; private set; }

    public TimeSpan LongestWait { get; private set; }

    /// <summary>The waits of answered contacts.</summary>
    public WaitDistribution AnsweredWaits { get; } = new();

    public long CallbacksRequested { get; private set; }

    /// <summary>Swaps to a callback that came within the answer threshold.</summary>
    public long CallbacksRequestedWithin { get; private set; }

    public long CallbacksConnected { get; private set; }

    /// <summary>Swapped callbacks connected within the answer threshold of the customer entering the queue.</summary>
    public long CallbacksConnectedWithin { get; private set; }

    public long CallbacksCancelled { get; private set; }

    /// <summary>Answered contacts that had been told a known expected wait at arrival.</summary>
    public long EstimatesKnown { get; private set; }

    public TimeSpan EstimateErrorTotal { get; private set; }

    /// <summary>Answered contacts whose wait fell inside the announced range.</summary>
    public long EstimatesCovering { get; private set; }

    public long PromisesDecided { get; private set; }

    public long PromisesKept { get; private set; }

    public long HumansReached { get; private set; }

    public TimeSpan TimeToHumanTotal { get; private set; }

    public long Handled { get; private set; }

    public TimeSpan TalkTotal { get; private set; }

    public TimeSpan WrapUpTotal { get; private set; }

    /// <summary>Customers invited to the survey.</summary>
    public long SurveysInvited { get; private set; }

    public long SurveyResponses { get; private set; }

    public long SatisfactionAnswers { get; private set; }

    /// <summary>Satisfaction answers at or above the CSAT method's satisfied score.</summary>
    public long Satisfied { get; private set; }

    public long ResolvedAnswers { get; private set; }

    public long ResolvedYes { get; private set; }

    public long RecommendAnswers { get; private set; }

    public long Promoters { get; private set; }

    public long Detractors { get; private set; }

    public long EffortAnswers { get; private set; }

    public long EffortTotal { get; private set; }

    /// <summary>Agents' time connected to contacts (see <see cref="AgentActivity.Handling"/>).</summary>
    public TimeSpan AgentHandlingTime { get; private set; }

    /// <summary>Agents' time in wrap-up with nothing connected.</summary>
    public TimeSpan AgentWrapUpTime { get; private set; }

    /// <summary>Agents' time available and holding nothing.</summary>
    public TimeSpan AgentIdleTime { get; private set; }

    /// <summary>Agents' time on a break.</summary>
    public TimeSpan AgentBreakTime { get; private set; }

    /// <summary>Agents' time marked not responding.</summary>
    public TimeSpan AgentNotRespondingTime { get; private set; }

    /// <summary>Handled contacts judged resolved at first contact (no repeat within the window).</summary>
    public long ResolvedAtFirstContact { get; private set; }

    /// <summary>Handled contacts whose customer came back within the window.</summary>
    public long RepeatedContacts { get; private set; }

    /// <summary>Handled contacts without a customer key (or a reason, when the method requires one).</summary>
    public long NotAssessableContacts { get; private set; }

    /// <summary>Of <see cref="ResolvedAtFirstContact"/>, those whose window had not elapsed when the report was computed.</summary>
    public long ProvisionallyResolved { get; private set; }

    /// <summary>Complaints received (see <see cref="ComplaintFacts"/>).</summary>
    public long ComplaintsReceived { get; private set; }

    /// <summary>Complaints whose acknowledgement was met, or is overdue.</summary>
    public long ComplaintAcknowledgementsDecided { get; private set; }

    /// <summary>Of <see cref="ComplaintAcknowledgementsDecided"/>, those acknowledged by their due time.</summary>
    public long ComplaintsAcknowledgedOnTime { get; private set; }

    /// <summary>Complaints whose acknowledgement target still runs within its limit.</summary>
    public long ComplaintAcknowledgementsPending { get; private set; }

    /// <summary>Complaints whose final response was met, or is overdue.</summary>
    public long ComplaintResponsesDecided { get; private set; }

    /// <summary>Of <see cref="ComplaintResponsesDecided"/>, those answered by their due time.</summary>
    public long ComplaintsRespondedOnTime { get; private set; }

    /// <summary>Complaints whose final response target still runs within its limit.</summary>
    public long ComplaintResponsesPending { get; private set; }

    /// <summary>Complaints with a final response sent.</summary>
    public long ComplaintFinalResponsesSent { get; private set; }

    /// <summary>Business time from receipt to the first final response, summed over <see cref="ComplaintFinalResponsesSent"/>.</summary>
    public TimeSpan ComplaintTimeToFinalResponseTotal { get; private set; }

    public long ComplaintsEscalated { get; private set; }

    /// <summary>Complaints ever closed (reopened ones too).</summary>
    public long ComplaintsClosed { get; private set; }

    public long ComplaintsReopened { get; private set; }

    public long ComplaintSurveysInvited { get; private set; }

    public long ComplaintSurveyAnswers { get; private set; }

    /// <summary>Complaint-handling answers at or above its method's satisfied score.</summary>
    public long ComplaintsSatisfied { get; private set; }

    /// <summary>The distinct agents who handled the contacts counted here.</summary>
    public int HandlingAgents => handlingAgents.Count;

    /// <summary>Count a contact entering the queue.</summary>
    public void CountEntered(in ContactLeg leg)
    {
        if (CountsAsOffered(leg))
        {
            Offered++;
        }
    }

    /// <summary>Count a leg whose wait is settled (see <see cref="IContactLegObserver.OnWaitSettled"/>).</summary>
    public void CountWait(in ContactLeg leg)
    {
        if (leg.Outcome == LegOutcome.TurnedAway)
        {
            TurnedAway++;
            return;
        }

        if (leg.Kind == LegKind.ScheduledCallback)
        {
            if (leg.PromiseKept is { } kept)
            {
                PromisesDecided++;
                PromisesKept += kept ? 1 : 0;
            }

            return;
        }

        if (!CountsAsOffered(leg))
        {
            return;
        }

        // Only the customer's first queue can be where they first reached a person.
        var firstLeg = leg.Kind == LegKind.Arrival;

        var wait = leg.Wait;
        switch (leg.Outcome)
        {
            case LegOutcome.Answered:
                Answered++;
                AnsweredWithin += wait <= rules.AnswerThreshold ? 1 : 0;
                AnsweredWaitTotal += wait;
                AnsweredWaits.Add(wait);
                Longest(wait);
                if (leg.Estimate is { IsKnown: true } estimate)
                {
                    EstimatesKnown++;
                    EstimateErrorTotal += (wait - estimate.Expected).Duration();
                    EstimatesCovering += estimate.Covers(wait) ? 1 : 0;
                }

                if (firstLeg)
                {
                    HumansReached++;
                    TimeToHumanTotal += leg.Connected!.Value - leg.FirstArrival;
                }

                break;
            case LegOutcome.Abandoned:
                Abandoned++;
                ShortAbandonsForServiceLevel += wait <= rules.ServiceLevelShortAbandon ? 1 : 0;
                ShortAbandonsForRate += wait <= rules.RateShortAbandon ? 1 : 0;
                AbandonWaitTotal += wait;
                Longest(wait);
                break;
            case LegOutcome.CallbackRequested:
                CallbacksRequested++;
                CallbacksRequestedWithin += wait <= rules.AnswerThreshold ? 1 : 0;
                if (leg.CallbackConnected is { } connected)
                {
                    CallbacksConnected++;
                    CallbacksConnectedWithin += connected - leg.Entered <= rules.AnswerThreshold ? 1 : 0;
                    if (firstLeg)
                    {
                        HumansReached++;
                        TimeToHumanTotal += connected - leg.FirstArrival;
                    }
                }
                else
                {
                    CallbacksCancelled++;
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Count the end of a leg's handling (see <see cref="IContactLegObserver.OnHandled"/>).</summary>
    public void CountHandling(in ContactLeg leg)
    {
        Handled++;
        TalkTotal += leg.Talk;
        WrapUpTotal += leg.WrapUp;
        if (leg.Agent is { } agent)
        {
            handlingAgents.Add(agent.Value);
        }
    }

    /// <summary>Count a span of one agent's time (already cut to one report interval).</summary>
    public void CountAgentTime(AgentActivity activity, TimeSpan duration)
    {
        switch (activity)
        {
            case AgentActivity.Handling:
                AgentHandlingTime += duration;
                break;
            case AgentActivity.WrapUp:
                AgentWrapUpTime += duration;
                break;
            case AgentActivity.Idle:
                AgentIdleTime += duration;
                break;
            case AgentActivity.Break:
                AgentBreakTime += duration;
                break;
            case AgentActivity.NotResponding:
                AgentNotRespondingTime += duration;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activity), activity, "Unknown agent activity.");
        }
    }

    /// <summary>Count a handled contact's operational first-contact-resolution verdict.</summary>
    public void CountResolution(in ContactResolution resolution)
    {
        switch (resolution.Verdict)
        {
            case ResolutionVerdict.Resolved:
                ResolvedAtFirstContact++;
                ProvisionallyResolved += resolution.Provisional ? 1 : 0;
                break;
            case ResolutionVerdict.Repeated:
                RepeatedContacts++;
                break;
            case ResolutionVerdict.NotAssessable:
                NotAssessableContacts++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(resolution), resolution.Verdict, "Unknown verdict.");
        }
    }

    /// <summary>Count a complaint received in this cell.</summary>
    public void CountComplaint(in ComplaintFacts complaint)
    {
        ComplaintsReceived++;
        if (complaint.AcknowledgedOnTime is { } acknowledged)
        {
            ComplaintAcknowledgementsDecided++;
            ComplaintsAcknowledgedOnTime += acknowledged ? 1 : 0;
        }
        else
        {
            ComplaintAcknowledgementsPending++;
        }

        if (complaint.FinalResponseOnTime is { } responded)
        {
            ComplaintResponsesDecided++;
            ComplaintsRespondedOnTime += responded ? 1 : 0;
        }
        else
        {
            ComplaintResponsesPending++;
        }

        if (complaint.TimeToFinalResponse is { } taken)
        {
            ComplaintFinalResponsesSent++;
            ComplaintTimeToFinalResponseTotal += taken;
        }

        ComplaintsEscalated += complaint.Escalated ? 1 : 0;
        ComplaintsClosed += complaint.Closed || complaint.Reopened ? 1 : 0;
        ComplaintsReopened += complaint.Reopened ? 1 : 0;
        ComplaintSurveysInvited += complaint.SurveyInvited ? 1 : 0;
        if (complaint.Satisfaction is { } satisfaction)
        {
            ComplaintSurveyAnswers++;
            ComplaintsSatisfied += satisfaction >= rules.ComplaintSatisfiedFrom ? 1 : 0;
        }
    }

    /// <summary>Count a customer invited to the survey.</summary>
    public void CountInvitation() => SurveysInvited++;

    /// <summary>Count a customer's survey answers.</summary>
    public void CountSurvey(in SurveyResponse survey)
    {
        SurveyResponses++;
        if (survey.Satisfaction is { } satisfaction)
        {
            SatisfactionAnswers++;
            Satisfied += satisfaction >= rules.SatisfiedFrom ? 1 : 0;
        }

        if (survey.Resolved is { } resolved)
        {
            ResolvedAnswers++;
            ResolvedYes += resolved ? 1 : 0;
        }

        if (survey.Recommend is { } recommend)
        {
            RecommendAnswers++;
            Promoters += recommend >= 9 ? 1 : 0;
            Detractors += recommend <= 6 ? 1 : 0;
        }

        if (survey.Effort is { } effort)
        {
            EffortAnswers++;
            EffortTotal += effort;
        }
    }

    private bool CountsAsOffered(in ContactLeg leg) =>
        leg.Kind == LegKind.Arrival || (leg.Kind == LegKind.Transfer && rules.Transfers == TransferRule.EachQueue);

    private void Longest(TimeSpan wait)
    {
        if (wait > LongestWait)
        {
            LongestWait = wait;
        }
    }
}
