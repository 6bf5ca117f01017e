using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Routing;

namespace Switchboard.Server;

/// <summary>The API's refusals as ProblemDetails, one wording per cause.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not possible", detail: detail);

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// A queue outside its opening hours (ISO 18295-1: tell customers when the centre is open): 409, with the next
    /// opening as <c>nextOpening</c> (UTC; null when none is set within two years).
    /// </summary>
    public static ProblemHttpResult Closed(string queue, DateTimeOffset? nextOpening) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Closed",
            detail: nextOpening is { } next
                ? $"Queue '{queue}' is closed; it opens at {next.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                : $"Queue '{queue}' is closed, with no opening set.",
            extensions: new Dictionary<string, object?> { ["nextOpening"] = nextOpening });

    /// <summary>
    /// Writes a refusal from middleware, before any endpoint runs (endpoints return the results above instead). Sets
    /// the status code too: the problem details writer does not.
    /// </summary>
    public static ValueTask WriteAsync(this IProblemDetailsService problems, HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    /// <summary>A routing engine's refusal: 404 for what does not exist, 409 for a state that does not allow it.</summary>
    public static ProblemHttpResult From(RoutingResult result) => result switch
    {
        RoutingResult.UnknownContact => NotFound("No such contact."),
        RoutingResult.UnknownAgent => NotFound("No such agent."),
        RoutingResult.UnknownQueue => NotFound("No such queue."),
        RoutingResult.UnknownOverflowQueue => Invalid("A routing stage overflows to a queue that does not exist in this routing domain."),
        RoutingResult.WrongContactState => Conflict("The contact is not in a state that allows this."),
        RoutingResult.QueueFull => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Queue full",
            detail: "The queue has reached its maximum number of waiting contacts."),
        RoutingResult.PresenceNotChoosable => Invalid("Only available, break and offline can be chosen."),
        RoutingResult.AgentHoldsContacts => Conflict("The agent holds contacts (offers, conversations or wrap-ups)."),
        RoutingResult.QueueExists => Conflict("The queue exists."),
        RoutingResult.WindowInThePast => Invalid("The callback window has already ended."),
        RoutingResult.CallbackNotPossible => Conflict("A callback is not possible for this contact."),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a refusal."),
    };
}
