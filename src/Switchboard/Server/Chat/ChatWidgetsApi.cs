using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Server.Audit;
using Switchboard.Server.Security;
using Switchboard.Skills;

namespace Switchboard.Server.Chat;

/// <summary>The administration of chat entry points (widgets): <c>/api/chat/widgets</c>, every change audited.</summary>
internal static class ChatWidgetsApi
{
    public static void Map(RouteGroupBuilder chat)
    {
        chat.MapPost("/widgets", Create).RequireAuthorization(Policies.Administration);
        chat.MapGet("/widgets", List).RequireAuthorization(Policies.Administration).Audited("chat.widget.list");
        chat.MapPut("/widgets/{id}", Update).RequireAuthorization(Policies.Administration);
    }

    /// <summary>A widget's settings as an administrator gives them.</summary>
    public record WidgetSettings
    {
        [Required, StringLength(200, MinimumLength = 1)]
        public required string DisplayName { get; init; }

        /// <summary>Website origins allowed to call the customer API (<c>https://www.example.com</c>), at most 20.</summary>
        [Required, MaxLength(20)]
        public required IReadOnlyList<string> Origins { get; init; }

        [Required, MinLength(1), MaxLength(50)]
        public required IReadOnlyList<WidgetTopic> Topics { get; init; }

        /// <summary>Languages offered (BCP 47), the first the default; at least one, at most 30.</summary>
        [Required, MinLength(1), MaxLength(30)]
        public required IReadOnlyList<string> Languages { get; init; }

        /// <summary>Offer a callback or email once the expected wait exceeds this; null: each queue's own threshold.</summary>
        public TimeSpan? CallbackOfferAfter { get; init; }
    }

    public sealed record CreateWidget : WidgetSettings
    {
        [Required, StringLength(64)]
        public required string Id { get; init; }

        [Required, StringLength(64)]
        public required string Client { get; init; }
    }

    public sealed record UpdateWidget : WidgetSettings
    {
        public int Version { get; init; }
    }

    public sealed record WidgetView(
        string Id, string Client, string DisplayName, IReadOnlyList<string> Origins, IReadOnlyList<WidgetTopic> Topics, IReadOnlyList<string> Languages,
        TimeSpan? CallbackOfferAfter, DateTimeOffset Created, DateTimeOffset Updated, int Version)
    {
        public static WidgetView From(WidgetEntry w) =>
            new(w.Id, w.Client, w.DisplayName, w.Origins, w.Topics, w.Languages, w.CallbackOfferAfter, w.Created, w.Updated, w.Version);
    }

    public static async Task<Results<Created<WidgetView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateWidget request, ClaimsPrincipal user, SwitchboardDb db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(request.Id))
        {
            return Problems.Field("id", Identifiers.Rule);
        }

        if (!await db.Clients.AnyAsync(c => c.Id == request.Client, cancellationToken))
        {
            return Problems.Field("client", $"No client '{request.Client}'.");
        }

        if (await CheckAsync(request, request.Client, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (await db.ChatWidgets.AnyAsync(w => w.Id == request.Id, cancellationToken))
        {
            return Problems.Conflict($"Widget '{request.Id}' exists.");
        }

        var now = time.GetUtcNow();
        var row = new ChatWidget
        {
            Id = request.Id,
            Client = request.Client,
            DisplayName = "",
            Origins = "",
            Topics = "",
            Languages = "",
            Created = now,
            Version = 0,
        };
        Apply(row, request, now);
        db.ChatWidgets.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"Widget '{request.Id}' exists.");
        }

        await audit.RecordAsync(user, "chat.widget.created", "chat/widget/" + row.Id, row.Client);
        return TypedResults.Created($"/api/chat/widgets/{row.Id}", WidgetView.From(WidgetEntry.From(row)));
    }

    public static async Task<Ok<WidgetView[]>> List(SwitchboardDb db, string? client, CancellationToken cancellationToken)
    {
        var query = db.ChatWidgets.AsNoTracking();
        if (client is not null)
        {
            query = query.Where(w => w.Client == client);
        }

        var rows = await query.OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => WidgetView.From(WidgetEntry.From(r))).ToArray());
    }

    public static async Task<Results<Ok<WidgetView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, UpdateWidget request, ClaimsPrincipal user, SwitchboardDb db, ChatWidgets widgets, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.ChatWidgets.SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } row)
        {
            return Problems.NotFound($"No widget '{id}'.");
        }

        if (row.Version != request.Version)
        {
            return Problems.Conflict($"Widget '{id}' changed since version {request.Version} (now {row.Version}): read it again.");
        }

        if (await CheckAsync(request, row.Client, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        Apply(row, request, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"Widget '{id}' changed meanwhile: read it again.");
        }

        widgets.Forget(id);
        await audit.RecordAsync(user, "chat.widget.updated", "chat/widget/" + row.Id, row.Client);
        return TypedResults.Ok(WidgetView.From(WidgetEntry.From(row)));
    }

    private static void Apply(ChatWidget row, WidgetSettings settings, DateTimeOffset now)
    {
        row.DisplayName = settings.DisplayName.Trim();
        row.Origins = string.Join(' ', settings.Origins.Select(o => OriginCheck.Normalize(o)!).Distinct(StringComparer.OrdinalIgnoreCase));
        row.Topics = JsonSerializer.Serialize(settings.Topics, JsonSerializerOptions.Web);
        row.Languages = string.Join(' ', settings.Languages.Select(l => new Language(l).Tag).Distinct(StringComparer.OrdinalIgnoreCase));
        row.CallbackOfferAfter = settings.CallbackOfferAfter;
        row.Updated = now;
        row.Version++;
    }

    /// <summary>The refusal for settings that cannot work: a bad origin, language or topic, or a queue of another client.</summary>
    private static async Task<ValidationProblem?> CheckAsync(WidgetSettings settings, string client, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (settings.Origins.Any(o => OriginCheck.Normalize(o) is null))
        {
            return Problems.Field("origins", "Each an origin such as https://www.example.com (scheme, host and port only).");
        }

        foreach (var language in settings.Languages)
        {
            try
            {
                _ = new Language(language);
            }
            catch (ArgumentException)
            {
                return Problems.Field("languages", $"'{language}' is not a language tag (BCP 47, e.g. 'en', 'fr-CA').");
            }
        }

        if (settings.CallbackOfferAfter is { } after && after < TimeSpan.Zero)
        {
            return Problems.Field("callbackOfferAfter", "Zero or more.");
        }

        var topics = settings.Topics;
        if (topics.Any(t => t is null || !Identifiers.IsValid(t.Id) || string.IsNullOrWhiteSpace(t.Label) || t.Label.Length > 200)
            || topics.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count() != topics.Count)
        {
            return Problems.Field("topics", "Each topic needs a unique id (" + Identifiers.Rule + ") and a label of 1-200 characters.");
        }

        var queues = topics.Select(t => t.Queue).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Queues.AsNoTracking().Where(q => queues.Contains(q.Id) && q.Client == client).Select(q => q.Id).ToListAsync(cancellationToken);
        return queues.Except(found, StringComparer.Ordinal).FirstOrDefault() is { } missing
            ? Problems.Field("topics", $"No queue '{missing}' of client '{client}'.")
            : null;
    }
}
