using Microsoft.EntityFrameworkCore;
using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Server.Contracts;

namespace Switchboard.Server.Chat;

/// <summary>
/// The survey after a chat: when the chat ends, whether its customer is invited (the client's
/// <see cref="SurveyPolicy"/>, decided in the core from what is stored here), and what the customer is offered.
/// </summary>
internal static class ChatSurveys
{
    /// <summary>
    /// Decides, once, whether to invite the customer of a chat that ended at <paramref name="now"/>, and stores the
    /// invitation when so. <paramref name="db"/> sees the conversation's client only.
    /// </summary>
    public static async Task<SurveyDecision> DecideAsync(SwitchboardDb db, Guid contact, string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Contacts.AsNoTracking().Where(c => c.Id == contact)
            .Select(c => new { c.State, c.Agent, c.Queue, c.Channel }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return SurveyDecision.NotEligible.Instance;
        }

        var policy = (await ContractsApi.ContractAsync(db, client, cancellationToken))?.Surveys ?? SurveyPolicy.Default;
        // Reached an agent and ended handled: in wrap-up, or completed (never connected ends abandoned or as a callback).
        var handled = row.Agent is not null && (ContactState)row.State is ContactState.WrapUp or ContactState.Completed;
        var lastInvited = handled && policy.FrequencyCap > TimeSpan.Zero ? await LastInvitedAsync(db, contact, client, cancellationToken) : null;
        var decision = policy.Decide(contact, handled, now, lastInvited);
        if (decision is SurveyDecision.Invite invite)
        {
            db.SurveyInvitations.Add(new SurveyInvitationRecord
            {
                Contact = contact,
                Client = client,
                Queue = row.Queue,
                Channel = row.Channel,
                Agent = row.Agent,
                Invited = now,
                Questions = (int)invite.Questions,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return decision;
    }

    /// <summary>
    /// The latest invitation of the same customer for another contact of the same client: any contact sharing any of this
    /// contact's keys. Null when none, or when the contact has no keys (an unknown customer is never capped).
    /// </summary>
    private static async Task<DateTimeOffset?> LastInvitedAsync(SwitchboardDb db, Guid contact, string client, CancellationToken cancellationToken)
    {
        var own = db.CustomerKeys.Where(k => k.Contact == contact && k.Client == client);
        var same = db.CustomerKeys
            .Where(k => k.Client == client && k.Contact != contact && own.Any(o => o.Kind == k.Kind && o.Value == k.Value))
            .Select(k => k.Contact);
        return await db.SurveyInvitations.AsNoTracking()
            .Where(i => i.Client == client && same.Contains(i.Contact))
            .OrderByDescending(i => i.Invited)
            .Select(i => (DateTimeOffset?)i.Invited)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The survey the customer of <paramref name="contact"/> is offered now: invited and not answered yet; else null.</summary>
    public static async Task<SurveyOffer?> OfferAsync(SwitchboardDb db, Guid contact, CancellationToken cancellationToken)
    {
        var invited = await db.SurveyInvitations.AsNoTracking().Where(i => i.Contact == contact)
            .Select(i => (int?)i.Questions).SingleOrDefaultAsync(cancellationToken);
        if (invited is not { } questions || await db.SurveyAnswers.AnyAsync(a => a.Contact == contact, cancellationToken))
        {
            return null;
        }

        return SurveyOffer.Of((SurveyQuestions)questions);
    }
}
