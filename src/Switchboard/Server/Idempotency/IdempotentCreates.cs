using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Persistence.Idempotency;
using Switchboard.Server.Contacts;
using Switchboard.Server.Security;

namespace Switchboard.Server.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the directory's creates (clients, queues, agents, users, tokens): the first request with a
/// key claims it, runs, and stores its answer; a retry with the same key and body gets that answer again and creates
/// nothing; the same key with another body is refused (422); a retry while the first is still running is told so (409).
/// Contacts do this inside their routing domain's writer instead, in the transaction that stores the contact.
/// </summary>
/// <remarks>The request body is the handler's first parameter (the convention of every create here); its JSON,
/// with the method and path, is what "the same request" means.</remarks>
internal static class IdempotentCreates
{
    /// <summary>A claim whose request never finished (the process died) is given up after this long.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>Makes a create idempotent. With <paramref name="replayBody"/> false (a token's secret), a retry learns
    /// that the first request succeeded but not what it answered.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder, bool replayBody = true) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[ContactsApi.IdempotencyHeader].ToString();
            if (key.Length == 0)
            {
                return await next(context);
            }

            if (key.Length > 200)
            {
                return Problems.Field(ContactsApi.IdempotencyHeader, "Between 1 and 200 characters.");
            }

            var services = http.RequestServices;
            var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var time = services.GetRequiredService<TimeProvider>();
            var databases = services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
            var scope = http.User.UserId() ?? "anonymous";
            var body = JsonSerializer.Serialize(context.Arguments.Count > 0 ? context.Arguments[0] : null, json);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Method + " " + http.Request.Path + "\n" + body)));

            await using var db = await databases.CreateDbContextAsync(http.RequestAborted);
            if (await ClaimAsync(db, scope, key, hash, time.GetUtcNow(), http.RequestAborted) is { } earlier)
            {
                return Replay(earlier, hash, json);
            }

            object? result;
            try
            {
                result = await next(context);
            }
            catch
            {
                await ReleaseAsync(db, scope, key);
                throw;
            }

            var (status, value, location) = Describe(result);
            if (status is >= 200 and < 300)
            {
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.Location, location)
                    .SetProperty(r => r.Response, replayBody ? JsonSerializer.Serialize(value, json) : ""), CancellationToken.None);
            }
            else
            {
                // A refusal created nothing: the caller may correct the request and send it again with the same key.
                await ReleaseAsync(db, scope, key);
            }

            return result;
        });

    /// <summary>Claims the key; returns the earlier record when someone already holds it.</summary>
    private static async Task<IdempotencyRecord?> ClaimAsync(SwitchboardDb db, string scope, string key, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Scope = scope, Key = key, RequestHash = hash, Response = "", Created = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }

            var earlier = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (earlier is null)
            {
                continue;
            }

            if (earlier.Status != 0 || now - earlier.Created < AbandonedAfter)
            {
                return earlier;
            }

            await ReleaseAsync(db, scope, key);
        }

        throw new InvalidOperationException($"Idempotency key '{key}' could not be claimed.");
    }

    private static async Task ReleaseAsync(SwitchboardDb db, string scope, string key) =>
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);

    private static IResult Replay(IdempotencyRecord earlier, string hash, JsonSerializerOptions json)
    {
        if (!string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: $"This {ContactsApi.IdempotencyHeader} was used for a different request. Use a new key for a new request.");
        }

        if (earlier.Status == 0)
        {
            return Problems.Conflict("The first request with this key is still being handled; retry in a moment.");
        }

        if (earlier.Response.Length == 0)
        {
            return Problems.Conflict("The first request with this key succeeded" + (earlier.Location is { } at ? $" ({at})" : "") +
                "; what it returned is shown only once.");
        }

        using var document = JsonDocument.Parse(earlier.Response);
        var replayed = TypedResults.Json(document.RootElement.Clone(), json, statusCode: earlier.Status);
        return earlier.Location is { } location ? new WithLocation(replayed, location) : replayed;
    }

    private static (int Status, object? Value, string? Location) Describe(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var value = result is IValueHttpResult valued ? valued.Value : null;
        var location = result?.GetType().GetProperty("Location")?.GetValue(result) as string;
        return (status, value, location);
    }

    /// <summary>A replayed answer with the Location header the first one had.</summary>
    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
