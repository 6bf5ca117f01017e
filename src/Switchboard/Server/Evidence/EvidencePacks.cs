using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Routing;
using Switchboard.Server.Agents;
using Switchboard.Server.Audit;
using Switchboard.Server.ClientReports;
using Switchboard.Server.Complaints;
using Switchboard.Server.Contracts;
using Switchboard.Server.Kpis;

namespace Switchboard.Server.Evidence;

/// <summary>What an evidence pack is asked for: the period's first and end dates (yyyy-MM-dd, the end excluded), the
/// client (null for the whole centre) and the time zone (null: the client's contract zone, else UTC).</summary>
public sealed record EvidenceQuery(string? From, string? To, string? Client = null, string? TimeZone = null);

/// <summary>
/// Builds the ISO 18295 evidence pack from the platform's own records: the routing log (through the same KPI
/// catalogue as every report), the audit trail, the directory, contracts and what clients supplied. Nothing is typed
/// in for the pack; an area the platform does not yet record says so instead of showing a figure.
/// </summary>
internal static class EvidencePacks
{
    // Audit actions that read customers' personal data, and those that erase it.
    private static readonly string[] PersonalDataReads = ["contact.read", "contact.list", "contact.history.read", "contact.customer-history.read", "callback.read"];
    private static readonly string[] Erasures = ["callback.customer.erased"];
    private static readonly string[] PermissionChanges = ["user.created", "user.permissions.changed", "user.locked", "user.unlocked", "token.created", "token.revoked"];

    /// <summary>The pack <paramref name="query"/> asks for as <paramref name="user"/> may see it, or the refusal the API answers.</summary>
    public static async Task<(EvidencePack? Pack, IResult? Refusal)> BuildAsync(
        ClaimsPrincipal user, SwitchboardDb db, TimeProvider time, JsonSerializerOptions json, string wellBeingReason, EvidenceQuery query, CancellationToken cancellationToken)
    {
        var client = string.IsNullOrWhiteSpace(query.Client) ? null : query.Client;
        var outcome = await KpiReports.ComputeAsync(user, db, time, new KpiReportQuery(query.From, query.To, "day", null, client, query.TimeZone), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        var view = outcome.View!;
        var figures = view.Summary.SingleOrDefault()?.Figures ?? new Dictionary<string, KpiFigureView>();
        var period = new Period(view.From, view.To, client, view.TimeZone);
        var clients = await db.Clients.AsNoTracking().Where(c => client == null || c.Id == client).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var domains = clients.Select(c => c.Domain).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var log = await EvidenceLog.ReadAsync(db, domains, view.From, view.To, client, wellBeingReason, cancellationToken);
        // Each client's contract, read once for the areas that need it (null: none agreed).
        var contracts = new List<(string Id, string Name, ClientContract? Contract)>(clients.Count);
        foreach (var c in clients)
        {
            contracts.Add((c.Id, c.Name, await ContractsApi.ContractAsync(db, c.Id, cancellationToken)));
        }

        var areas = new List<EvidenceArea>
        {
            Information(period, figures, log, contracts),
            Experience(period, figures, await db.KpiMethods.AsNoTracking().Where(m => m.Created >= view.From && m.Created < view.To).CountAsync(cancellationToken)),
            Complaints(period, figures, log, await ComplaintFigures.ReadAsync(db, view.From, view.To, client, time.GetUtcNow(), cancellationToken)),
            await ProtectionAsync(db, period, cancellationToken),
            await PeopleAsync(db, period, json, domains, log, cancellationToken),
            Operations(period, figures, log),
            await ClientRelationshipAsync(user, db, time, period, contracts, cancellationToken),
        };
        return (new EvidencePack(view.From, view.To, view.TimeZone, client, time.GetUtcNow(), areas), null);
    }

    private static EvidenceArea Information(
        Period period, IReadOnlyDictionary<string, KpiFigureView> figures, EvidenceLog log, List<(string Id, string Name, ClientContract? Contract)> clients)
    {
        var withHours = clients.Count(c => c.Contract?.OpeningHours is not null);

        var reports = period.Kpis("day");
        return new EvidenceArea(
            "information", "Information to customers", "ISO 18295-1",
            "Customers are told what to expect before and while they wait: when the service is open, how long the wait is, and a way to be called back instead of waiting.",
            EvidenceState.Partial,
            ["ContactQueued events with the wait announced on arrival", "OfferAccepted events (the actual wait)", "CallbackRequested, CallbackScheduled, CallbackPromiseKept and CallbackPromiseMissed events", "Opening hours in each client's contract and each queue"],
            [
                Count("Contacts queued", log.Queued, reports),
                Share("Queued contacts told the expected wait on arrival", log.QueuedWithEstimate, log.Queued, reports),
                Figure(figures, KpiCatalogue.ExpectedWaitError, reports),
                Figure(figures, KpiCatalogue.ExpectedWaitWithinRange, reports),
                Figure(figures, KpiCatalogue.CallbacksRequested, reports),
                Figure(figures, KpiCatalogue.CallbackPromisesKept, reports),
                Figure(figures, KpiCatalogue.TurnedAway, reports),
                new("Clients whose contract publishes opening hours", withHours, $"{withHours} of {clients.Count}", period.Client is { } c ? $"/api/clients/{Uri.EscapeDataString(c)}/contract" : "/api/clients"),
            ],
            [
                "The cost of contacting the centre is not recorded anywhere in Switchboard.",
                "Voice prompts and IVR (menu length, a route to a human at every step) come with voice (issue #8).",
                "What the chat widget showed a customer (hours, expected wait) is not stored per contact; the announced wait is, in the log.",
            ]);
    }

    private static EvidenceArea Experience(Period period, IReadOnlyDictionary<string, KpiFigureView> figures, int methodRevisions)
    {
        var reports = period.Kpis("day");
        return new EvidenceArea(
            "customer-experience", "Measuring customer experience", "ISO 18295-1",
            "The centre measures customers' experience and satisfaction by defined methods, and acts on the results.",
            EvidenceState.Partial,
            ["Survey invitations, sampled and capped per customer by the client's contract (survey_invitations)", "Survey answers linked to their contact, queue and agent", "KPI methods, versioned (kpi_methods), each figure with its version"],
            [
                Figure(figures, KpiCatalogue.SurveyResponseRate, reports),
                Figure(figures, KpiCatalogue.CustomerSatisfaction, reports),
                Figure(figures, KpiCatalogue.ResolvedBySurvey, reports),
                Figure(figures, KpiCatalogue.FirstContactResolution, reports),
                Figure(figures, KpiCatalogue.NetPromoterScore, reports),
                Figure(figures, KpiCatalogue.CustomerEffort, reports),
                new("KPI method revisions recorded in the period", methodRevisions, methodRevisions.ToString(CultureInfo.InvariantCulture), "/api/kpis"),
            ],
            [
                "Surveys are asked at the end of a chat only; email and SMS survey links come with those channels.",
                "Actions taken on survey results are not recorded.",
            ]);
    }

    private static EvidenceArea Complaints(Period period, IReadOnlyDictionary<string, KpiFigureView> figures, EvidenceLog log, ComplaintFigures complaints)
    {
        var link = "/api/complaints" + (period.Client is { } c ? "?client=" + Uri.EscapeDataString(c) : "");
        var reports = period.Kpis("day");
        return new(
            "complaints", "Complaints", "ISO 18295-1 (handled as ISO 10002 describes)",
            "Complaints are received, referenced, acknowledged and resolved within agreed times, escalated when needed, and their root causes analysed.",
            EvidenceState.Partial,
            [
                "Each complaint's append-only log (complaint_events): receipt with its reference, acknowledgement with proof of sending, investigation, escalations, final response with its required content, closure with root cause, reopening",
                "The warnings and breaches of each complaint's clocks, on the contract's complaint profile, escalation ladder and business hours",
                "Invitations to the satisfaction-with-complaint-handling survey when a complaint closes, and the customers' answers (survey_invitations, survey_answers)",
                "The agent's answer to \"Is this a complaint?\" on every wrap-up (ContactCompleted events)",
            ],
            [
                // The KPI's count of complaints received in the period is the log's count of receipts in it.
                Figure(figures, KpiCatalogue.ComplaintsReceived, reports),
                Count("of them about the centre's own conduct", complaints.AboutTheCentre, link),
                Count("of them from customers flagged as vulnerable", complaints.Vulnerable, link),
                Share("Complaints acknowledged within their target", complaints.AcknowledgedOnTime, complaints.Acknowledged, link),
                Share("Final responses sent within their target", complaints.RespondedOnTime, complaints.Responded, link),
                Count("Escalations to a higher rung", complaints.Escalations, link),
                Count("Breaches of a complaint clock recorded", complaints.Breaches, link),
                Share("Complaints closed with the customer's acceptance", complaints.ClosedAccepted, complaints.Closed, link),
                Count("Reopenings in the period", complaints.Reopened, link),
                new("Root causes of the complaints closed", complaints.Closed,
                    complaints.RootCauses.Count == 0 ? "none closed" : string.Join(", ", complaints.RootCauses.Select(r => $"{r.Cause} {r.Count}")), period.RootCauses),
                Share("Completed contacts the agent marked as a complaint", log.CompletedAsComplaint, log.Completed, EventsLink),
                Figure(figures, KpiCatalogue.ComplaintsPerThousandContacts, reports),
                Figure(figures, KpiCatalogue.ComplaintsAcknowledgedOnTime, reports),
                Figure(figures, KpiCatalogue.ComplaintsRespondedOnTime, reports),
                Figure(figures, KpiCatalogue.ComplaintTimeToFinalResponse, reports),
                Figure(figures, KpiCatalogue.ComplaintsEscalated, reports),
                Figure(figures, KpiCatalogue.ComplaintsReopened, reports),
                Figure(figures, KpiCatalogue.ComplaintSurveyResponseRate, reports),
                Figure(figures, KpiCatalogue.ComplaintHandlingSatisfaction, reports),
            ],
            [
                "A complaint written by e-mail is filed by the agent from its case (linked to it); the mail itself is not recognised as a complaint.",
            ]);
    }

    private static async Task<EvidenceArea> ProtectionAsync(SwitchboardDb db, Period period, CancellationToken cancellationToken)
    {
        var chain = await AuditApi.CheckChainAsync(db, cancellationToken);
        var inPeriod = db.AuditEntries.AsNoTracking().Where(e => e.At >= period.From && e.At < period.To && (period.Client == null || e.Client == period.Client));
        var actions = await inPeriod.GroupBy(e => e.Action).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(string[] kinds) => actions.Where(a => kinds.Contains(a.Key)).Sum(a => a.Count);
        var users = await db.Users.AsNoTracking().CountAsync(cancellationToken);
        var secondFactor = await db.Users.AsNoTracking().CountAsync(u => u.TwoFactorEnabled, cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.Revoked == null).Select(t => t.Expires).ToListAsync(cancellationToken);
        var live = tokens.Count(e => e is null || e > period.To);
        const string audit = "/api/audit?after=0";
        return new EvidenceArea(
            "customer-protection", "Protecting customers and their data", "ISO 18295-1",
            "Customers' personal data is kept safe: only those who need it see it, every access is accountable, and it is kept no longer than needed.",
            EvidenceState.Partial,
            ["The audit trail (hash-chained: a changed or removed entry breaks the chain)", "Tenant isolation in the data layer (each client's data visible only to its own viewers and the centre's staff)", "Sign-in accounts with optional second factor; scoped, revocable API tokens"],
            [
                new("Audit trail intact", chain.Intact ? 1 : 0, chain.Intact ? $"yes, {chain.Entries} entries" : $"NO: broken at entry {chain.BrokenAt} ({chain.Problem})", "/api/audit/verify"),
                new("Reads of customers' personal data recorded", Of(PersonalDataReads), Of(PersonalDataReads).ToString(CultureInfo.InvariantCulture), audit),
                new("Erasures of personal data recorded", Of(Erasures), Of(Erasures).ToString(CultureInfo.InvariantCulture), audit),
                new("Changes to users, permissions and tokens recorded", Of(PermissionChanges), Of(PermissionChanges).ToString(CultureInfo.InvariantCulture), audit),
                new("User accounts with a second factor (now)", secondFactor, $"{secondFactor} of {users}", "/api/users"),
                new("API tokens in force at the period's end (not revoked, not expired)", live, live.ToString(CultureInfo.InvariantCulture), null),
            ],
            [
                "Retention limits apply to scheduled callbacks' numbers only; chat transcripts, customer keys and survey comments have no retention rule yet.",
                "Customers' requests to see, export or erase their data are not handled yet (a later data-protection release).",
                "Counts of users and second factors are as of now, not as of the period.",
            ]);
    }

    private static async Task<EvidenceArea> PeopleAsync(
        SwitchboardDb db, Period period, JsonSerializerOptions json, List<string> domains, EvidenceLog log, CancellationToken cancellationToken)
    {
        var profiles = await db.Agents.AsNoTracking().Where(a => domains.Contains(a.Domain)).Select(a => a.Profile).ToListAsync(cancellationToken);
        var certified = 0;
        foreach (var profile in profiles)
        {
            var settings = JsonSerializer.Deserialize<AgentSettings>(profile, json);
            certified += settings?.Skills.Any(s => s.CertifiedUntil is not null) == true ? 1 : 0;
        }

        var events = EventsLink;
        return new EvidenceArea(
            "people", "People: competence and working conditions", "ISO 18295-1",
            "Staff are competent for what they handle, kept informed, and work in conditions that let them serve customers well.",
            EvidenceState.Partial,
            ["Agent profiles: skills with proficiency and certification expiry, languages", "CertificationExpired events (the skill stops being routable at once)", "Breaks granted by the well-being guard (AgentPresenceChanged with its reason)"],
            [
                new("Agents configured (now)", profiles.Count, profiles.Count.ToString(CultureInfo.InvariantCulture), "/api/agents"),
                new("Agents with a certified skill (now)", certified, $"{certified} of {profiles.Count}", "/api/agents"),
                Count("Certifications that lapsed in the period", log.Count(RoutingEventType.CertificationExpired), events),
                Count("Breaks granted by the well-being guard", log.WellBeingBreaks, events),
            ],
            [
                "Training records, competence assessments, quality evaluations and staff engagement come with the workforce release.",
                "How staff are informed of client changes (the information clients supply) is recorded, but not who read it.",
            ]);
    }

    private static EvidenceArea Operations(Period period, IReadOnlyDictionary<string, KpiFigureView> figures, EvidenceLog log)
    {
        var reports = period.Kpis("day");
        return new EvidenceArea(
            "operations", "Operations: performance and reliability", "ISO 18295-1",
            "The centre runs to customer-focused targets, monitors its performance, and does not lose customers' contacts.",
            log.DomainsWithGaps == 0 ? EvidenceState.Evidenced : EvidenceState.Partial,
            ["The routing log: every state change of every contact and agent, append-only, gap-free per routing domain", "KPI reports recomputed from it under any method version"],
            [
                new("Routing events in the period", log.Events, log.Events.ToString(CultureInfo.InvariantCulture), EventsLink),
                new("Routing domains whose log is whole over the period", log.Domains - log.DomainsWithGaps, $"{log.Domains - log.DomainsWithGaps} of {log.Domains}", EventsLink),
                Figure(figures, KpiCatalogue.Offered, reports),
                Figure(figures, KpiCatalogue.Answered, reports),
                Figure(figures, KpiCatalogue.ServiceLevel, reports),
                Figure(figures, KpiCatalogue.AverageSpeedOfAnswer, reports),
                Figure(figures, KpiCatalogue.AbandonmentRate, reports),
                Figure(figures, KpiCatalogue.TimeToHuman, reports),
                Figure(figures, KpiCatalogue.AverageHandleTime, reports),
                Figure(figures, KpiCatalogue.Occupancy, reports),
            ],
            [
                "Staffing plans and forecasts (`switchboard plan`, `switchboard forecast`) are computed on demand, not stored as records of what was planned.",
                "Business-continuity exercises are not recorded.",
            ]);
    }

    private static async Task<EvidenceArea> ClientRelationshipAsync(
        ClaimsPrincipal user, SwitchboardDb db, TimeProvider time, Period period, List<(string Id, string Name, ClientContract? Contract)> clients, CancellationToken cancellationToken)
    {
        var items = new List<EvidenceItem>();
        var contracted = 0;
        foreach (var (id, name, contract) in clients)
        {
            var escaped = Uri.EscapeDataString(id);
            if (contract is null)
            {
                items.Add(new($"{name}: contract", null, "none agreed", $"/api/clients/{escaped}/contract"));
                continue;
            }

            contracted++;
            // Each client's targets are judged on its own clock and by its agreed methods, as its reports are.
            var own = await KpiReports.ComputeAsync(user, db, time, new KpiReportQuery(period.FirstDay, period.EndDay, "day", null, id), cancellationToken);
            var judged = own.View?.Summary.SingleOrDefault()?.Figures.Values.Where(f => f.Met is not null).ToList() ?? [];
            var met = judged.Count(f => f.Met == true);
            items.Add(new($"{name}: contracted targets met over the period", judged.Count == 0 ? null : (double)met / judged.Count,
                judged.Count == 0 ? "no target to judge" : $"{met} of {judged.Count}", $"/api/reports/kpis?from={period.FirstDay}&to={period.EndDay}&interval=day&client={escaped}"));

            var supplied = await db.ClientInformation.AsNoTracking().Where(i => i.Client == id && i.Supplied >= period.From && i.Supplied < period.To).ToListAsync(cancellationToken);
            var judgedInformation = supplied.Select(i => ContractsApi.View(i, contract).OnTime).Where(o => o is not null).ToList();
            var onTime = judgedInformation.Count(o => o == true);
            items.Add(new($"{name}: information the client supplied on time", judgedInformation.Count == 0 ? null : (double)onTime / judgedInformation.Count,
                $"{onTime} of {judgedInformation.Count} owed ({supplied.Count} items recorded)", $"/api/clients/{escaped}/information"));
            var issued = await db.IssuedReports.AsNoTracking().Where(r => r.Client == id && r.From >= period.From && r.From < period.To)
                .OrderBy(r => r.From).Select(r => new { r.Period, r.Issued }).ToListAsync(cancellationToken);
            items.Add(new($"{name}: {contract.Reporting.ToString().ToLowerInvariant()} reports issued on schedule", issued.Count, issued.Count.ToString(CultureInfo.InvariantCulture), $"/api/clients/{escaped}/reports"));
            items.AddRange(issued.Select(r => new EvidenceItem(
                $"{name}: report {r.Period}", null, "issued " + r.Issued.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), $"/api/clients/{escaped}/reports/{r.Period}/issued?format=html")));
        }

        return new EvidenceArea(
            "client-relationship", "The client relationship", "ISO 18295-2",
            "The client and the centre agree targets and how they are measured; the client supplies the information the centre needs in time, and checks the centre's performance.",
            EvidenceState.Evidenced,
            ["Client contracts with versioned KPI targets, their methods and effective dates, reporting cadence and information duties", "Information the client supplied, with when it came and when it took effect", "Client reports issued on the contract's cadence, kept as issued (issued_reports)"],
            [new("Clients with a contract", contracted, $"{contracted} of {clients.Count}", "/api/clients"), .. items],
            [
                "Whether the client read its reports is not recorded.",
            ]);
    }

    private static EvidenceItem Figure(IReadOnlyDictionary<string, KpiFigureView> figures, KpiId kpi, string link)
    {
        var entry = KpiCatalogue.Find(kpi)!;
        var figure = figures.GetValueOrDefault(kpi.Name);
        var shown = MonthlyFigure.Format(figure?.Value, entry.Unit) + (figure is null ? "" : $" (method {kpi.Name}@{figure.Method})")
            + (figure?.Provisional == true ? ", provisional: what is not yet decided (a repeat window, a complaint within its target) may still change it" : "");
        return new(entry.Title, figure?.Value, shown, link);
    }

    private static EvidenceItem Count(string what, long count, string link) => new(what, count, count.ToString(CultureInfo.InvariantCulture), link);

    private static EvidenceItem Share(string what, long part, long whole, string link) =>
        new(what, whole == 0 ? null : (double)part / whole, whole == 0 ? "none" : $"{part} of {whole} ({(double)part / whole * 100:0.0}%)", link);

    // The integration feed pages through every stored routing event.
    private const string EventsLink = "/api/events";

    // The period in the links to the records behind each figure.
    private sealed record Period(DateTimeOffset From, DateTimeOffset To, string? Client, string TimeZone)
    {
        /// <summary>The first local date of the period (yyyy-MM-dd).</summary>
        public string FirstDay => Local(From);

        /// <summary>The local date the period ends before.</summary>
        public string EndDay => Local(To);

        private string Dates => $"from={FirstDay}&to={EndDay}&timeZone={Uri.EscapeDataString(TimeZone)}" + (Client is null ? "" : $"&client={Uri.EscapeDataString(Client)}");

        public string Kpis(string interval) => $"/api/reports/kpis?{Dates}&interval={interval}";

        /// <summary>The root-cause trend of the complaints closed in the period, month by month.</summary>
        public string RootCauses => $"/api/complaints/root-causes?from={FirstDay}&to={EndDay}&interval=month" + (Client is null ? "" : $"&client={Uri.EscapeDataString(Client)}");

        private string Local(DateTimeOffset instant) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
