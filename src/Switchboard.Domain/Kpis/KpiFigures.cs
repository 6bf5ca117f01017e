namespace Switchboard.Kpis;

/// <summary>One KPI's value in one report cell, with the method version it was computed with.</summary>
/// <param name="Kpi">Which KPI.</param>
/// <param name="MethodVersion">The version of the KPI's method used.</param>
/// <param name="Value">The value in the KPI's unit (a ratio 0..1, seconds, or a count); null when the cell has nothing to
/// measure (no contact answered, say).</param>
public readonly record struct KpiFigure(KpiId Kpi, int MethodVersion, double? Value)
{
    /// <summary>True when the value may still change as time passes, not only when the method does: operational first
    /// contact resolution with contacts whose repeat window had not elapsed when it was computed.</summary>
    public bool Provisional { get; init; }
}

/// <summary>Turns a <see cref="KpiTally"/> into the catalogue's figures, by the methods of a <see cref="KpiMethodSet"/>.</summary>
public static class KpiFigures
{
    /// <summary>Every KPI of the catalogue for one cell, in catalogue order.</summary>
    /// <remarks>The tally must have been counted with the same method set.</remarks>
    public static KpiFigure[] Compute(KpiTally tally, KpiMethodSet methods)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(methods);
        return ComputeInOrder(tally, [.. methods.All]);
    }

    /// <summary>Every KPI for one cell, by the methods of the catalogue's KPIs in catalogue order (as
    /// <see cref="KpiMethodSet.All"/> lists them), read once for a whole report.</summary>
    internal static KpiFigure[] ComputeInOrder(KpiTally tally, KpiMethod[] methods)
    {
        var figures = new KpiFigure[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            var method = methods[i];
            figures[i] = new KpiFigure(method.Kpi, method.Version, Value(method, tally))
            {
                Provisional = Provisional(method.Kpi, tally),
            };
        }

        return figures;
    }

    /// <summary>One KPI's value for a cell.</summary>
    public static double? Value(KpiMethod method, KpiTally t)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(t);
        var p = method.Parameters;
        return method.Kpi.Name switch
        {
            "offered" => t.Offered,
            "turned-away" => t.TurnedAway,
            "answered" => t.Answered,
            "abandoned" => t.Abandoned,
            "service-level" => ServiceLevel(p, t),
            "average-speed-of-answer" => Mean(t.AnsweredWaitTotal, t.Answered),
            "wait-p50" => t.AnsweredWaits.Percentile(0.50)?.TotalSeconds,
            "wait-p90" => t.AnsweredWaits.Percentile(0.90)?.TotalSeconds,
            "wait-p95" => t.AnsweredWaits.Percentile(0.95)?.TotalSeconds,
            "longest-wait" => t.Answered + t.Abandoned == 0 ? null : t.LongestWait.TotalSeconds,
            "abandonment-rate" => p.ExcludeShortAbandons
                ? Share(t.Abandoned - t.ShortAbandonsForRate, t.Offered - t.ShortAbandonsForRate)
                : Share(t.Abandoned, t.Offered),
            "average-time-to-abandon" => Mean(t.AbandonWaitTotal, t.Abandoned),
            "time-to-human" => Mean(t.TimeToHumanTotal, t.HumansReached),
            "average-handle-time" => Mean(t.TalkTotal + t.WrapUpTotal, t.Handled),
            "average-talk-time" => Mean(t.TalkTotal, t.Handled),
            "average-wrap-up-time" => Mean(t.WrapUpTotal, t.Handled),
            "contacts-per-agent" => t.HandlingAgents == 0 ? null : (double)t.Handled / t.HandlingAgents,
            "occupancy" => Share(t.AgentHandlingTime + t.AgentWrapUpTime, t.AgentHandlingTime + t.AgentWrapUpTime + t.AgentIdleTime),
            "expected-wait-error" => Mean(t.EstimateErrorTotal, t.EstimatesKnown),
            "expected-wait-within-range" => Share(t.EstimatesCovering, t.EstimatesKnown),
            "callbacks-requested" => t.CallbacksRequested,
            "callback-promises-kept" => Share(t.PromisesKept, t.PromisesDecided),
            "survey-response-rate" => Share(t.SurveyResponses, t.SurveysInvited),
            "customer-satisfaction" => Share(t.Satisfied, t.SatisfactionAnswers),
            "resolved-by-survey" => Share(t.ResolvedYes, t.ResolvedAnswers),
            "first-contact-resolution" => Share(t.ResolvedAtFirstContact, t.ResolvedAtFirstContact + t.RepeatedContacts),
            "net-promoter-score" => t.RecommendAnswers == 0 ? null : 100.0 * (t.Promoters - t.Detractors) / t.RecommendAnswers,
            "customer-effort" => t.EffortAnswers == 0 ? null : (double)t.EffortTotal / t.EffortAnswers,
            "complaints-received" => t.ComplaintsReceived,
            "complaints-per-1000-contacts" => t.Handled == 0 ? null : 1000.0 * t.ComplaintsReceived / t.Handled,
            "complaints-acknowledged-on-time" => Share(t.ComplaintsAcknowledgedOnTime, t.ComplaintAcknowledgementsDecided),
            "complaints-responded-on-time" => Share(t.ComplaintsRespondedOnTime, t.ComplaintResponsesDecided),
            "complaint-time-to-final-response" => Mean(t.ComplaintTimeToFinalResponseTotal, t.ComplaintFinalResponsesSent),
            "complaints-escalated" => Share(t.ComplaintsEscalated, t.ComplaintsReceived),
            "complaints-reopened" => Share(t.ComplaintsReopened, t.ComplaintsClosed),
            "complaint-survey-response-rate" => Share(t.ComplaintSurveyAnswers, t.ComplaintSurveysInvited),
            "complaint-handling-satisfaction" => Share(t.ComplaintsSatisfied, t.ComplaintSurveyAnswers),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method.Kpi, "Not a KPI of the catalogue."),
        };
    }

    // A figure may still change without a new method when some of what it counts is not yet decided: a repeat window
    // still open, or a complaint whose acknowledgement or final response is not yet met nor overdue.
    private static bool Provisional(KpiId kpi, KpiTally t) => kpi.Name switch
    {
        "first-contact-resolution" => t.ProvisionallyResolved > 0,
        "complaints-acknowledged-on-time" => t.ComplaintAcknowledgementsPending > 0,
        "complaints-responded-on-time" => t.ComplaintResponsesPending > 0,
        "complaint-time-to-final-response" => t.ComplaintFinalResponsesSent < t.ComplaintsReceived,
        "complaints-reopened" => t.ComplaintsReceived > t.ComplaintsClosed,
        _ => false,
    };

    private static double? ServiceLevel(KpiParameters p, KpiTally t)
    {
        long within = t.AnsweredWithin, counted = t.Answered;
        var lateAbandons = t.Abandoned - t.ShortAbandonsForServiceLevel;
        switch (p.Abandons)
        {
            case AbandonRule.LateAbandonsFail:
                counted += lateAbandons;
                break;
            case AbandonRule.ShortAbandonsSucceed:
                within += t.ShortAbandonsForServiceLevel;
                counted += t.Abandoned;
                break;
            default:
                break;
        }

        switch (p.Callbacks)
        {
            case CallbackRule.AnsweredAtRequest:
                within += t.CallbacksRequestedWithin;
                counted += t.CallbacksRequested;
                break;
            case CallbackRule.AnsweredAtConnection:
                within += t.CallbacksConnectedWithin;
                counted += t.CallbacksConnected + (p.Abandons == AbandonRule.AbandonsExcluded ? 0 : t.CallbacksCancelled);
                break;
            default:
                break;
        }

        return Share(within, counted);
    }

    private static double? Share(long part, long whole) => whole <= 0 ? null : (double)part / whole;

    private static double? Share(TimeSpan part, TimeSpan whole) => whole <= TimeSpan.Zero ? null : part / whole;

    private static double? Mean(TimeSpan total, long count) => count <= 0 ? null : total.TotalSeconds / count;
}
