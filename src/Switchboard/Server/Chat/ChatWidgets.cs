using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;

namespace Switchboard.Server.Chat;

/// <summary>One topic a customer chooses before a chat: its id, the label shown, and the client's queue it goes to.</summary>
public sealed record WidgetTopic(string Id, string Label, string Queue);

/// <summary>A widget as the server uses it: parsed once from its row, cached until an administrator changes it.</summary>
internal sealed record WidgetEntry(
    string Id, string Client, string DisplayName, IReadOnlyList<string> Origins, IReadOnlyList<WidgetTopic> Topics, IReadOnlyList<string> Languages,
    TimeSpan? CallbackOfferAfter, DateTimeOffset Created, DateTimeOffset Updated, int Version)
{
    public static WidgetEntry From(ChatWidget row) => new(
        row.Id, row.Client, row.DisplayName, Split(row.Origins), JsonSerializer.Deserialize<WidgetTopic[]>(row.Topics, JsonSerializerOptions.Web) ?? [],
        Split(row.Languages), row.CallbackOfferAfter, row.Created, row.Updated, row.Version);

    public WidgetTopic? Topic(string id) => Topics.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public bool AllowsOrigin(string origin) => Origins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    private static string[] Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The widgets, cached: the customer API reads one on every call (CORS, topics) and they change rarely. A change made
/// through the admin API drops the entry (<see cref="Forget"/>).
/// </summary>
internal sealed class ChatWidgets(IDbContextFactory<SwitchboardDb> databases)
{
    private readonly ConcurrentDictionary<string, WidgetEntry> widgets = new(StringComparer.Ordinal);

    public async Task<WidgetEntry?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (widgets.TryGetValue(id, out var known))
        {
            return known;
        }

        if (!Identifiers.IsValid(id))
        {
            return null;
        }

        // The widget's id is public: any caller may read it, whatever its scope.
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Scope = DataScope.AllClients;
        var row = await db.ChatWidgets.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return row is null ? null : widgets[id] = WidgetEntry.From(row);
    }

    public void Forget(string id) => widgets.TryRemove(id, out _);
}
