using System.Buffers.Binary;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Audit;
using Switchboard.Server.Security;

namespace Switchboard.Server.Audit;

/// <summary>
/// The audit trail: every read and change of personal data and every change of permissions, append-only and
/// hash-chained. One writer loop gives the chain one order; it stores many entries per transaction, and a caller's
/// <c>RecordAsync</c> returns only once its entry is stored, so a response never goes out unaudited.
/// </summary>
/// <remarks>
/// Hash of entry n = SHA-256(previous hash ‖ fields of n), the fields encoded as: id (8 bytes, big-endian), instant
/// (UTC ticks, 8 bytes, big-endian), then actor, action, resource, client, detail, each as a 4-byte big-endian length
/// (-1 for null) followed by its UTF-8 bytes. Changing, removing or reordering a row breaks the chain at that row.
/// With several nodes, each node would keep its own chain (a node column), which needs no coordination.
/// </remarks>
internal sealed partial class AuditTrail : IHostedService, IAsyncDisposable
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly IDbContextFactory<SwitchboardDb> databases;
    private readonly TimeProvider time;
    private readonly ILogger<AuditTrail> logger;
    private readonly Channel<(AuditEntry Entry, TaskCompletionSource Stored)> queue =
        Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private long lastId;
    private string lastHash = Genesis;
    private Task loop = Task.CompletedTask;

    public AuditTrail(IDbContextFactory<SwitchboardDb> databases, TimeProvider time, ILogger<AuditTrail> logger)
    {
        this.databases = databases;
        this.time = time;
        this.logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        (lastId, lastHash) = last is null ? (0, Genesis) : (last.Id, last.Hash);
        loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Records what <paramref name="actor"/> did; returns once it is stored.</summary>
    public Task RecordAsync(ClaimsPrincipal actor, string action, string resource, string? client = null, string? detail = null) =>
        RecordAsync(actor.Actor(), action, resource, client, detail);

    public Task RecordAsync(string actor, string action, string resource, string? client = null, string? detail = null)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Cut to the columns' sizes: one over-long value (a hostile URL, say) must not cost the batch it shares.
        var entry = new AuditEntry
        {
            Actor = Cut(actor, 200),
            Action = Cut(action, 100),
            Resource = Cut(resource, 300),
            Client = client is null ? null : Cut(client, 64),
            Detail = detail is null ? null : Cut(detail, 2000),
            PreviousHash = "",
            Hash = "",
        };
        if (!queue.Writer.TryWrite((entry, stored)))
        {
            stored.SetException(new InvalidOperationException("The audit trail is closed."));
        }

        return stored.Task;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private async Task RunAsync()
    {
        var batch = new List<(AuditEntry Entry, TaskCompletionSource Stored)>();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 500 && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            var (id, hash) = (lastId, lastHash);
            var now = time.GetUtcNow();
            foreach (var (entry, _) in batch)
            {
                entry.Id = ++id;
                entry.At = now;
                entry.PreviousHash = hash;
                entry.Hash = hash = Hash(entry);
            }

            try
            {
                await using var db = await databases.CreateDbContextAsync();
                db.AuditEntries.AddRange(batch.Select(b => b.Entry));
                await db.SaveChangesAsync();
                (lastId, lastHash) = (id, hash);
                foreach (var (_, stored) in batch)
                {
                    stored.TrySetResult();
                }
            }
            catch (Exception failure) when (failure is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogFailed(logger, failure);
                foreach (var (_, stored) in batch)
                {
                    stored.TrySetException(new InvalidOperationException("The audit entry could not be stored.", failure));
                }
            }
        }
    }

    /// <summary>The chain hash of an entry (see the remarks for the encoding).</summary>
    public static string Hash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        buffer.Write(Encoding.ASCII.GetBytes(entry.PreviousHash));
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Id);
        buffer.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.At.UtcTicks);
        buffer.Write(number);
        foreach (var field in new[] { entry.Actor, entry.Action, entry.Resource, entry.Client, entry.Detail })
        {
            var bytes = field is null ? null : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(number, bytes?.Length ?? -1);
            buffer.Write(number[..4]);
            if (bytes is not null)
            {
                buffer.Write(bytes);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await loop;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entries could not be stored")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
