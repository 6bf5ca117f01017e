using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Complaints;
using Switchboard.Contracts;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Persistence.Complaints;
using Switchboard.Server.Security;

namespace Switchboard.Server.Complaints;

/// <summary>
/// The survey of satisfaction with complaint handling (ISO 10002 asks the centre to measure it): when a complaint
/// closes, accepted or not, and its customer left an e-mail address, the customer is invited once; the invitation's
/// random id is the token of the customer's link, and the one answer (1-5, an optional comment) is stored beside the
/// post-contact surveys' (<c>survey_invitations</c>, <c>survey_answers</c>, marked with the complaint) and feeds the
/// <c>complaint-handling-satisfaction</c> KPI.
/// </summary>
internal static class ComplaintSurveys
{
    /// <summary>The one question asked.</summary>
    public const string Question = "How satisfied are you with the way we handled your complaint?";

    public static void Map(RouteGroupBuilder api)
    {
        // The token is 128 random bits, so the link alone stands for the customer, as a chat's token does.
        var customer = api.MapGroup("/public/complaint-surveys").AllowAnonymous().WithTags("Complaints");
        customer.MapGet("/{token}", Read);
        customer.MapPost("/{token}", Answer);
        api.MapGet("/complaints/{reference}/survey", Invitation).RequireAuthorization(Policies.ComplaintsRead).WithTags("Complaints");
    }

    /// <summary>What the customer's link shows: the complaint's reference, the question, and whether it was answered.</summary>
    public sealed record SurveyView(string Reference, string Question, bool Answered);

    /// <summary>The customer's answer: satisfaction with the way the complaint was handled, 1 (very dissatisfied) to 5
    /// (very satisfied), and an optional comment.</summary>
    public sealed record SurveyAnswerRequest(
        [property: Range(1, 5)] int Satisfaction,
        [property: StringLength(1000)] string? Comment = null);

    /// <summary>A complaint's invitation as staff see it: the customer's link (its path), when invited, when mailed (null
    /// while not yet), and the answer if given.</summary>
    public sealed record InvitationView(
        string Reference, string Link, DateTimeOffset Invited, DateTimeOffset? Mailed, DateTimeOffset? Answered, int? Satisfaction, string? Comment);

    /// <summary>
    /// Adds (unsaved) the invitation of the customer of a complaint that has just closed at <paramref name="at"/>, unless
    /// the customer left no e-mail address or was invited at an earlier closure (a reopened complaint is asked once).
    /// Returns the new invitation's token (to mail it once the step is committed), or null when none was added.
    /// </summary>
    public static async Task<Guid?> InviteAsync(SwitchboardDb db, ComplaintRecord row, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(row.CustomerEmail) || await db.SurveyInvitations.AnyAsync(i => i.Complaint == row.Id, cancellationToken))
        {
            return null;
        }

        var token = new Guid(RandomNumberGenerator.GetBytes(16));
        db.SurveyInvitations.Add(new SurveyInvitationRecord
        {
            Contact = token,
            Complaint = row.Id,
            Client = row.Client,
            // A complaint has no queue or agent: the columns the post-contact survey fills are left empty.
            Queue = "",
            Invited = at,
            Questions = (int)SurveyQuestions.Satisfaction,
        });
        return token;
    }

    /// <summary>Whether a step closes a complaint (and so may invite its customer).</summary>
    public static bool Closes(ComplaintEvent step) => step is ComplaintEvent.ClosedAccepted or ComplaintEvent.ClosedUnaccepted;

    /// <summary>The link's path for a token.</summary>
    public static string Link(Guid token) => "/complaint-survey/" + token.ToString("N");

    // The customer has no account and so no data scope: the token alone chooses the row, from an unscoped context.
    public static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Read(string token, IDbContextFactory<SwitchboardDb> databases, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, token, cancellationToken) is { } found
            ? TypedResults.Ok(new SurveyView(found.Reference, Question, found.Answered))
            : NoSurvey();
    }

    /// <summary>Stores the customer's answer: 404 for a token no invitation has, 400 for a score outside 1-5, 409 once answered.</summary>
    public static async Task<Results<Created, ValidationProblem, ProblemHttpResult>> Answer(
        string token, SurveyAnswerRequest request, IDbContextFactory<SwitchboardDb> databases, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Satisfaction is < 1 or > 5)
        {
            return Problems.Field("satisfaction", "A score from 1 (very dissatisfied) to 5 (very satisfied).");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await StoreAsync(db, token, request.Satisfaction, request.Comment, time.GetUtcNow(), cancellationToken) switch
        {
            AnswerOutcome.Stored => TypedResults.Created(Link(Guid.Parse(token))),
            AnswerOutcome.AlreadyAnswered => Problems.Conflict("This survey was already answered."),
            _ => NoSurvey(),
        };
    }

    /// <summary>What became of an answer.</summary>
    internal enum AnswerOutcome
    {
        Stored = 1,
        NoSurvey = 2,
        AlreadyAnswered = 3,
    }

    /// <summary>Stores the answer (a score already checked to be 1-5) given at <paramref name="at"/>, for the API and the
    /// survey page alike.</summary>
    internal static async Task<AnswerOutcome> StoreAsync(SwitchboardDb db, string? token, int satisfaction, string? comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, token, cancellationToken) is not { } found)
        {
            return AnswerOutcome.NoSurvey;
        }

        if (found.Answered)
        {
            return AnswerOutcome.AlreadyAnswered;
        }

        db.SurveyAnswers.Add(new SurveyAnswer
        {
            Contact = found.Invitation.Contact,
            Complaint = found.Invitation.Complaint,
            Client = found.Invitation.Client,
            Queue = "",
            Answered = at,
            Satisfaction = satisfaction,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return AnswerOutcome.Stored;
        }
        catch (DbUpdateException)
        {
            // Answered twice at once: the table's key keeps the first.
            return AnswerOutcome.AlreadyAnswered;
        }
    }

    public static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> Invitation(string reference, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (!ComplaintReference.TryParse(reference, out var parsed)
            || await db.Complaints.AsNoTracking().Where(c => c.Id == parsed.Number).Select(c => c.Reference).SingleOrDefaultAsync(cancellationToken) is not { } known)
        {
            return Problems.NotFound($"No complaint '{reference}'.");
        }

        if (await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Complaint == parsed.Number, cancellationToken) is not { } invitation)
        {
            return Problems.NotFound($"Complaint {known} has no survey invitation: it has not closed, or its customer left no e-mail address.");
        }

        var answer = await db.SurveyAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.Contact == invitation.Contact, cancellationToken);
        return TypedResults.Ok(new InvitationView(known, Link(invitation.Contact), invitation.Invited, invitation.Mailed, answer?.Answered, answer?.Satisfaction, answer?.Comment));
    }

    /// <summary>The invitation a token names, its complaint's reference and whether it was answered; null for any other text.</summary>
    internal static async Task<(SurveyInvitationRecord Invitation, string Reference, bool Answered)?> FindAsync(SwitchboardDb db, string? token, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(token, out var id)
            || await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Contact == id && i.Complaint != null, cancellationToken) is not { } invitation)
        {
            return null;
        }

        var reference = await db.Complaints.AsNoTracking().Where(c => c.Id == invitation.Complaint).Select(c => c.Reference).SingleAsync(cancellationToken);
        return (invitation, reference, await db.SurveyAnswers.AnyAsync(a => a.Contact == id, cancellationToken));
    }

    private static ProblemHttpResult NoSurvey() => Problems.NotFound("No such survey: check the link in the e-mail we sent.");
}
