using Microsoft.AspNetCore.Diagnostics;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Hosting;

/// <summary>
/// The last line: whatever escapes a handler becomes a ProblemDetails without a stack trace. Bad request bodies are
/// 400s; a routing domain that could not store its events is 503 (nothing changed; retry); anything else is a bug,
/// logged in full here and answered with a bare 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } bad =>
                (bad.StatusCode, "Bad request", "The body is not valid for this request" + (json.Path is { } path ? " at " + path : "") + "."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            // Two requests changed the same row at once (e.g. one user's account): the loser retries.
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Conflict",
                "Another request changed the same record at the same moment; nothing of yours was saved. Read it again and retry."),
            DomainUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", unavailable.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed; the error is logged. Nothing you sent is lost."),
        };
        if (status >= 500)
        {
            LogFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = null,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception error, string method, string path);
}
